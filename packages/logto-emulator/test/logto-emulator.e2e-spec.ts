/**
 * Emulator-only features the contract replay does not cover: key rotation, M2M revocation,
 * fault injection, stop/restart, counters, request log and the state digest.
 */
import { Agent, get as httpGet } from 'node:http';
import { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { fetchM2MToken } from './contract/runner.js';

describe('LogtoEmulator', () => {
  let emu: LogtoEmulator;
  beforeEach(async () => {
    emu = await LogtoEmulator.start();
  });
  afterEach(async () => {
    await emu.close();
  });

  async function getUser(token: string, id: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${emu.endpoint}/api/users/${id}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  }

  it('binds 127.0.0.1 and derives the issuer from the endpoint', () => {
    expect(emu.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.issuer).toBe(`${emu.endpoint}/oidc`);
  });

  it('rejects tokens of a removed key and accepts tokens of the previous key while it is published', async () => {
    const user = emu.seedUser({ username: 'alice' });
    const oldToken = await fetchM2MToken(emu);
    const oldKid = emu.currentSigningKey().kid;
    await emu.rotateSigningKey();
    expect(emu.currentSigningKey().kid).not.toBe(oldKid);
    expect((await getUser(oldToken, user.id)).status).toBe(200);
    emu.removeKey(oldKid);
    const response = await getUser(oldToken, user.id);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'auth.unauthorized', data: { code: 'ERR_JWKS_NO_MATCHING_KEY' } });
    expect((await getUser(await fetchM2MToken(emu), user.id)).status).toBe(200);
  });

  it('drops the previous key from the JWKS when rotating with keepPrevious: false', async () => {
    await emu.rotateSigningKey({ keepPrevious: false });
    const jwks = (await (await fetch(`${emu.issuer}/jwks`)).json()) as { keys: Array<{ kid: string }> };
    expect(jwks.keys.map((key) => key.kid)).toEqual([emu.currentSigningKey().kid]);
  });

  it('revokes every M2M token issued so far', async () => {
    const user = emu.seedUser();
    const token = await fetchM2MToken(emu);
    emu.revokeM2MTokens();
    const response = await getUser(token, user.id);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('auth.unauthorized');
    expect((await getUser(await fetchM2MToken(emu), user.id)).status).toBe(200);
  });

  it('honours the injected clock for token expiry', async () => {
    let now = Date.now();
    const clocked = await LogtoEmulator.start({ now: () => now, m2mTokenTtlSeconds: 60 });
    try {
      const user = clocked.seedUser();
      const token = await fetchM2MToken(clocked);
      const get = () => fetch(`${clocked.endpoint}/api/users/${user.id}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await get()).status).toBe(200);
      now += 61_000;
      const response = await get();
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ data: { code: 'ERR_JWT_EXPIRED', claim: 'exp' } });
    } finally {
      await clocked.close();
    }
  });

  it('injects forced statuses a limited number of times', async () => {
    const user = emu.seedUser();
    const token = await fetchM2MToken(emu);
    emu.setFault({ match: '/api/users', methods: ['GET'], status: 503, times: 1 });
    expect((await getUser(token, user.id)).status).toBe(503);
    expect((await getUser(token, user.id)).status).toBe(200);
  });

  it('injects latency, malformed JSON and dropped connections', async () => {
    const user = emu.seedUser();
    const token = await fetchM2MToken(emu);

    emu.setFault({ match: /^\/api\/users\//, latencyMs: 150, times: 1 });
    const started = Date.now();
    expect((await getUser(token, user.id)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    emu.setFault({ malformedJson: true, times: 1 });
    const malformed = await getUser(token, user.id);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(malformed.json()).rejects.toThrow();

    emu.setFault({ destroySocket: true });
    await expect(getUser(token, user.id)).rejects.toThrow();
    emu.clearFaults();
    expect((await getUser(token, user.id)).status).toBe(200);
  });

  it('refuses connections while stopped and keeps state across restart on the same port', async () => {
    const user = emu.seedUser({ username: 'kept' });
    const endpoint = emu.endpoint;
    await emu.stop();
    await expect(fetch(`${endpoint}/oidc/jwks`)).rejects.toThrow();
    await emu.restart();
    expect(emu.endpoint).toBe(endpoint);
    const response = await getUser(await fetchM2MToken(emu), user.id);
    expect(((await response.json()) as { username: string }).username).toBe('kept');
  });

  it('counts calls per route and records request headers', async () => {
    const user = emu.seedUser();
    const token = await fetchM2MToken(emu);
    await fetch(`${emu.issuer}/jwks`);
    await fetch(`${emu.issuer}/.well-known/openid-configuration`);
    await getUser(token, user.id, { 'x-request-id': 'req-123', traceparent: '00-abc-def-01' });
    expect(emu.counters).toMatchObject({ tokenRequests: 1, jwksFetches: 1, discoveryFetches: 1, managementCalls: 1 });
    expect(emu.counters.byRoute['GET /api/users/:userId']).toBe(1);
    expect(emu.requests.at(-1)?.headers).toMatchObject({ 'x-request-id': 'req-123', traceparent: '00-abc-def-01' });
    emu.resetCounters();
    expect(emu.counters).toEqual({ tokenRequests: 0, jwksFetches: 0, discoveryFetches: 0, managementCalls: 0, connections: 0, byRoute: {} });
  });

  it('counts the TCP connections it accepts, not the requests on them', async () => {
    const get = (agent: Agent) =>
      new Promise<void>((resolve, reject) => {
        httpGet(`${emu.issuer}/jwks`, { agent }, (response) => response.resume().on('end', resolve)).on('error', reject);
      });
    emu.resetCounters();
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 3; i += 1) await get(keepAlive);
      expect(emu.counters.connections).toBe(1);
      await get(new Agent({ keepAlive: false }));
      expect(emu.counters.connections).toBe(2);
      expect(emu.counters.jwksFetches).toBe(4);
    } finally {
      keepAlive.destroy();
    }
  });

  it('changes the state digest on writes only', async () => {
    const user = emu.seedUser({ username: 'digest' });
    const token = await fetchM2MToken(emu);
    const before = emu.stateDigest();
    await getUser(token, user.id);
    expect(emu.stateDigest()).toBe(before);
    await fetch(`${emu.endpoint}/api/users/${user.id}/custom-data`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customData: { a: 1 } }),
    });
    expect(emu.stateDigest()).not.toBe(before);
  });

  it('mints user tokens with the requested claims, header and subject omission', async () => {
    const { decodeJwt, decodeProtectedHeader } = await import('jose');
    const token = await emu.mintUserToken({ omitSub: true, scopes: ['a', 'b'], audience: ['x', 'y'], header: { kid: 'other' }, notBefore: 5 });
    expect(decodeJwt(token)).not.toHaveProperty('sub');
    expect(decodeJwt(token)).toMatchObject({ scope: 'a b', aud: ['x', 'y'], nbf: 5, iss: emu.issuer });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES384', typ: 'at+jwt', kid: 'other' });
  });

  it('rate-limits verification-code sends per recipient within the window, then allows them again', async () => {
    let now = Date.now();
    const clocked = await LogtoEmulator.start({ now: () => now });
    try {
      const token = await fetchM2MToken(clocked);
      const send = () =>
        fetch(`${clocked.endpoint}/api/verification-codes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'a@example.test' }),
        });
      for (let i = 0; i < 10; i += 1) expect((await send()).status).toBe(204);
      expect((await send()).status).toBe(429);
      now += 10 * 60 * 1000;
      expect((await send()).status).toBe(204);
    } finally {
      await clocked.close();
    }
  });
});
