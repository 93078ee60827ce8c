/**
 * The emulator's webhook delivery behaves like Logto 1.41's for user data hooks: which Management API calls
 * send which event, the payload's shape, and the signature (hex HMAC-SHA256 of the exact body under the key).
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { fetchM2MToken } from './contract/runner.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

describe('emulator webhook delivery', () => {
  let emu: LogtoEmulator;
  let receiver: Server;
  const received: Received[] = [];
  let token: string;

  beforeAll(async () => {
    emu = await LogtoEmulator.start();
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    emu.configureWebhook({ url: `http://127.0.0.1:${port}/hook`, signingKey: 'emulator-key', events: ['User.SuspensionStatus.Updated', 'User.Deleted'] });
    token = await fetchM2MToken(emu);
  });
  afterAll(async () => {
    await emu.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emu.endpoint}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await emu.webhooksSettled();
    return res;
  };

  it('sends User.SuspensionStatus.Updated after PATCH /is-suspended, signed over the exact body, and signs the user out', async () => {
    const user = emu.seedUser({ username: 'hook_target' });
    emu.addSession(user.id, { clientId: 'someapp' });
    const count = received.length;
    expect((await call('PATCH', `/api/users/${user.id}/is-suspended`, { isSuspended: true })).status).toBe(200);
    const [delivery] = received.slice(count);
    expect(received.length).toBe(count + 1);
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['user-agent']).toBe('Logto (https://logto.io/)');
    expect(delivery.headers['logto-signature-sha-256']).toBe(createHmac('sha256', 'emulator-key').update(delivery.body).digest('hex'));
    const payload = JSON.parse(delivery.body) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(expect.arrayContaining(['event', 'createdAt', 'path', 'method', 'status', 'params', 'matchedRoute', 'data', 'hookId']));
    expect(payload).toMatchObject({
      event: 'User.SuspensionStatus.Updated',
      path: `/users/${user.id}/is-suspended`,
      method: 'PATCH',
      status: 200,
      params: { userId: user.id },
      matchedRoute: '/users/:userId/is-suspended',
      data: { id: user.id, isSuspended: true },
      hookId: emu.webhookId,
    });
    expect(Number.isNaN(Date.parse(String(payload.createdAt)))).toBe(false);
    expect([...emu.state.sessions.values()].some((session) => session.accountId === user.id)).toBe(false);
    expect(emu.webhookDeliveries.at(-1)).toMatchObject({ event: 'User.SuspensionStatus.Updated', userId: user.id, status: 204 });
  });

  it('sends User.Deleted with the user as it was, only the events ticked, and nothing for a failed call', async () => {
    const user = emu.seedUser({ username: 'hook_deleted', name: 'Gone Soon' });
    const count = received.length;
    expect((await call('PATCH', `/api/users/${user.id}`, { name: 'Not Ticked' })).status).toBe(200);
    expect((await call('PATCH', `/api/users/${user.id}/is-suspended`, { isSuspended: 'yes' })).status).toBe(400);
    expect(received.length).toBe(count);
    expect((await call('DELETE', `/api/users/${user.id}`)).status).toBe(204);
    expect(received.length).toBe(count + 1);
    expect(JSON.parse(received[count].body)).toMatchObject({ event: 'User.Deleted', params: { userId: user.id }, data: { id: user.id, name: 'Not Ticked' } });
  });
});
