/**
 * Issue #18, item 1: POST /webhooks/logto. Logto pushes suspensions, deletions and data changes, signed with
 * HMAC-SHA256 of the raw body under the hook's signing key (`logto-signature-sha-256`); the service applies
 * them on every instance at once, and refuses anything not signed with LOGTO_WEBHOOK_SIGNING_KEY.
 */
import type { AddressInfo } from 'node:net';
import { LogtoEmulator, signWebhookBody } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, grantStepUp, managementToken, tokenFor, useEmulatorApp, type TestApp } from '../support/test-app.js';
import { useRedisInstances } from '../support/redis-server.js';

const SIGNING_KEY = 'whsec-test-signing-key-0123456789';
const ENV = { LOGTO_WEBHOOK_SIGNING_KEY: SIGNING_KEY, SUSPENSION_CACHE_SECONDS: '300' };


/** What an admin does in Logto's console, through the Management API; resolves once Logto's webhook was delivered. */
async function admin(emu: LogtoEmulator, method: 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<void> {
  const res = await fetch(`${emu.endpoint}${path}`, {
    method,
    headers: { authorization: `Bearer ${await managementToken(emu)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  await emu.webhooksSettled();
}

/** A delivery as Logto builds one for PATCH /api/users/{id}/is-suspended. */
function suspensionDelivery(userId: string, isSuspended: boolean, createdAt = new Date()): string {
  return JSON.stringify({
    event: 'User.SuspensionStatus.Updated',
    createdAt: createdAt.toISOString(),
    userAgent: 'admin-tool',
    ip: '127.0.0.1',
    path: `/users/${userId}/is-suspended`,
    method: 'PATCH',
    status: 200,
    params: { userId },
    matchedRoute: '/users/:userId/is-suspended',
    data: { id: userId, username: 'someone', isSuspended },
    hookId: 'hook0000000000000000a',
  });
}

const post = (t: TestApp, body: string | Buffer, signature?: string, contentType = 'application/json') =>
  t.inject({
    method: 'POST',
    url: '/webhooks/logto',
    headers: { 'content-type': contentType, ...(signature === undefined ? {} : { 'logto-signature-sha-256': signature }) },
    payload: body,
  });

describe('POST /webhooks/logto', () => {
  describe('without LOGTO_WEBHOOK_SIGNING_KEY', () => {
    const h = useEmulatorApp();

    it('is not served: 404 problem, and a signed suspension changes nothing', async () => {
      const user = h.emu.seedUser({ username: 'no_hook_user' });
      const body = suspensionDelivery(user.id, true);
      expectProblem(await post(h.t, body, signWebhookBody(SIGNING_KEY, body)), 404, 'request.not_found');
      expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(await tokenFor(h.emu, user.id)) })).statusCode).toBe(200);
    });
  });

  describe('with a signing key', () => {
    const h = useEmulatorApp({ env: ENV });

    async function activeUser() {
      const user = h.emu.seedUser({ username: `hook_${Math.random().toString(36).slice(2, 10)}`, password: 'correct horse battery' });
      const token = await tokenFor(h.emu, user.id);
      // The service has seen it active: without the webhook, reads would trust that for SUSPENSION_CACHE_SECONDS.
      expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(token) })).statusCode).toBe(200);
      return { id: user.id, token };
    }

    it('applies a correctly signed suspension at once: reads refuse, verification records are revoked', async () => {
      const user = await activeUser();
      const stepUp = await grantStepUp(h.t, user.id);
      const body = suspensionDelivery(user.id, true);
      const res = await post(h.t, body, signWebhookBody(SIGNING_KEY, body));
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expectProblem(await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) }), 403, 'account.suspended');

      // Reinstated (in Logto and by the webhook): the account works again, but the old record is gone.
      h.emu.state.users.get(user.id)!.isSuspended = false;
      const back = suspensionDelivery(user.id, false);
      expect((await post(h.t, back, signWebhookBody(SIGNING_KEY, back))).statusCode).toBe(204);
      expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) })).statusCode).toBe(200);
      expectProblem(await h.t.inject({ method: 'DELETE', url: '/me/sessions', headers: bearer(user.token, { 'verification-id': stepUp }) }), 403, 'verification.required');
    });

    it.each([
      ['missing', () => undefined],
      ['of another body', (body: string) => signWebhookBody(SIGNING_KEY, `${body} `)],
      ['under another key', (body: string) => signWebhookBody('another-key', body)],
      ['truncated', (body: string) => signWebhookBody(SIGNING_KEY, body).slice(0, 63)],
      ['not hex', () => 'z'.repeat(64)],
      ['base64 instead of hex', (body: string) => Buffer.from(signWebhookBody(SIGNING_KEY, body), 'hex').toString('base64')],
      ['the body itself', (body: string) => body],
    ])('refuses a delivery whose signature is %s with 401, and changes nothing', async (_name, sign) => {
      const user = await activeUser();
      const stepUp = await grantStepUp(h.t, user.id);
      const body = suspensionDelivery(user.id, true);
      const res = await post(h.t, body, sign(body));
      expectProblem(res, 401, 'webhook.signature_invalid');
      expect(res.headers['www-authenticate']).toBeUndefined();
      expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) })).statusCode).toBe(200);
      expect((await h.t.inject({ method: 'DELETE', url: '/me/sessions', headers: bearer(user.token, { 'verification-id': stepUp }) })).statusCode).toBe(204);
    });

    it('checks the signature over the raw bytes: the same JSON re-serialized does not pass', async () => {
      const user = await activeUser();
      const body = suspensionDelivery(user.id, true);
      const spaced = JSON.stringify(JSON.parse(body), null, 2);
      expectProblem(await post(h.t, spaced, signWebhookBody(SIGNING_KEY, body)), 401, 'webhook.signature_invalid');
      expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) })).statusCode).toBe(200);
    });

    it('accepts the same delivery twice without harm: a verification made in between survives the second', async () => {
      const user = await activeUser();
      h.emu.state.users.get(user.id)!.isSuspended = false;
      const body = suspensionDelivery(user.id, false);
      const signature = signWebhookBody(SIGNING_KEY, body);
      expect((await post(h.t, body, signature)).statusCode).toBe(204);
      const verified = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(user.token), payload: { password: 'correct horse battery' } });
      expect(verified.statusCode).toBe(201);
      expect((await post(h.t, body, signature)).statusCode).toBe(204);
      const { verificationId } = verified.json() as { verificationId: string };
      expect((await h.t.inject({ method: 'DELETE', url: '/me/sessions', headers: bearer(user.token, { 'verification-id': verificationId }) })).statusCode).toBe(204);
    });

    it('ignores a signed delivery older than ten minutes (a replay), and events it does not act on', async () => {
      const user = await activeUser();
      const old = suspensionDelivery(user.id, true, new Date(Date.now() - 11 * 60_000));
      expect((await post(h.t, old, signWebhookBody(SIGNING_KEY, old))).statusCode).toBe(204);
      const signIn = JSON.stringify({ event: 'PostSignIn', createdAt: new Date().toISOString(), userId: user.id, hookId: 'x' });
      expect((await post(h.t, signIn, signWebhookBody(SIGNING_KEY, signIn))).statusCode).toBe(204);
      expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) })).statusCode).toBe(200);
    });

    it('refuses signed garbage with 400 and an unsigned one with 401, a body over 1 MiB with 413, other media types with 415', async () => {
      const garbage = '{"event": "User.Deleted"';
      expectProblem(await post(h.t, garbage, signWebhookBody(SIGNING_KEY, garbage)), 400, 'request.malformed_body');
      expectProblem(await post(h.t, garbage), 401, 'webhook.signature_invalid');
      const noUser = JSON.stringify({ event: 'User.Deleted', createdAt: new Date().toISOString(), data: { id: '../admin' } });
      expectProblem(await post(h.t, noUser, signWebhookBody(SIGNING_KEY, noUser)), 400, 'request.validation_failed');
      const huge = JSON.stringify({ event: 'User.Data.Updated', padding: 'x'.repeat(1024 * 1024) });
      expectProblem(await post(h.t, huge, signWebhookBody(SIGNING_KEY, huge)), 413, 'request.body_too_large');
      const body = suspensionDelivery('abc', true);
      expectProblem(await post(h.t, body, signWebhookBody(SIGNING_KEY, body), 'text/plain'), 415, 'request.unsupported_media_type');
    });

    it('needs no access token, and takes no Idempotency-Key part', async () => {
      const user = await activeUser();
      const body = suspensionDelivery(user.id, false);
      const res = await h.t.inject({
        method: 'POST',
        url: '/webhooks/logto',
        headers: { 'content-type': 'application/json', 'logto-signature-sha-256': signWebhookBody(SIGNING_KEY, body), 'idempotency-key': 'k1', authorization: 'Bearer nonsense' },
        payload: body,
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expectProblem(await h.t.inject({ method: 'GET', url: '/webhooks/logto' }), 405, 'request.method_not_allowed');
    });
  });

  describe('delivered by Logto (the emulator) to a listening instance', () => {
    const h = useEmulatorApp({ env: ENV });

    beforeAll(async () => {
      await h.t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = h.t.app.getHttpServer().address() as AddressInfo;
      h.emu.configureWebhook({ url: `http://127.0.0.1:${port}/webhooks/logto`, signingKey: SIGNING_KEY });
    });
    afterAll(() => h.emu.configureWebhook(undefined));

    async function activeUser() {
      const user = h.emu.seedUser({ username: `e2e_${Math.random().toString(36).slice(2, 10)}`, password: 'correct horse battery' });
      const token = await tokenFor(h.emu, user.id);
      expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(token) })).statusCode).toBe(200);
      return { id: user.id, token };
    }

    it('an admin suspends, reinstates, then deletes the user: each takes effect at the next request', async () => {
      const user = await activeUser();
      await admin(h.emu, 'PATCH', `/api/users/${user.id}/is-suspended`, { isSuspended: true });
      expect(h.emu.webhookDeliveries.at(-1)).toMatchObject({ event: 'User.SuspensionStatus.Updated', userId: user.id, status: 204 });
      expectProblem(await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) }), 403, 'account.suspended');

      await admin(h.emu, 'PATCH', `/api/users/${user.id}/is-suspended`, { isSuspended: false });
      expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) })).statusCode).toBe(200);

      await admin(h.emu, 'DELETE', `/api/users/${user.id}`);
      expect(h.emu.webhookDeliveries.at(-1)).toMatchObject({ event: 'User.Deleted', userId: user.id, status: 204 });
      expectProblem(await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(user.token) }), 404, 'account.not_found');
    });

    it("the User.Data.Updated that the service's own change causes does not revoke the verification that authorized it", async () => {
      const user = await activeUser();
      const verified = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(user.token), payload: { password: 'correct horse battery' } });
      const { verificationId } = verified.json() as { verificationId: string };
      const deliveries = h.emu.webhookDeliveries.length;

      const renamed = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(user.token, { 'verification-id': verificationId }), payload: { username: `renamed_${user.id}_a` } });
      expect(renamed.statusCode).toBe(200);
      await h.emu.webhooksSettled();
      // The username change, and the activity entry the service records in the user's custom data.
      const caused = h.emu.webhookDeliveries.slice(deliveries);
      expect(caused.length).toBeGreaterThan(0);
      for (const delivery of caused) expect(delivery).toMatchObject({ event: 'User.Data.Updated', userId: user.id, status: 204 });

      const again = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(user.token, { 'verification-id': verificationId }), payload: { username: `renamed_${user.id}_b` } });
      expect(again.statusCode).toBe(200);
    });
  });

  describe('two instances sharing one Redis', () => {
    const shared = useRedisInstances({ env: ENV });

    it('a suspension delivered to one instance is refused by the other at once', async () => {
      const [a, b] = await shared.instances();
      const emu = shared.emu;
      const user = emu.seedUser({ username: 'two_instances_hook' });
      const token = await tokenFor(emu, user.id);
      for (const t of [a, b]) expect((await t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(token) })).statusCode).toBe(200);

      const body = suspensionDelivery(user.id, true);
      expect((await post(a, body, signWebhookBody(SIGNING_KEY, body))).statusCode).toBe(204);
      expectProblem(await b.inject({ method: 'GET', url: '/me/sessions', headers: bearer(token) }), 403, 'account.suspended');
      expectProblem(await b.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 403, 'account.suspended');
    });
  });
});
