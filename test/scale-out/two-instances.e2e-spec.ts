import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { Redis } from 'ioredis';
import { bearer, expectProblem, tokenFor, type TestApp } from '../support/test-app.js';
import { useRedisInstances, type RedisServer } from '../support/redis-server.js';

/**
 * Two instances of the service behind one Redis and one Logto (emulator), as behind a load balancer: state
 * written through one must hold on the other.
 */
describe('two instances sharing one Redis', () => {
  const shared = useRedisInstances();
  let redis: RedisServer;
  let emu: LogtoEmulator;
  let schemaPath: string;

  beforeAll(() => {
    ({ redis, emu } = shared);
    const properties = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}`, { type: 'integer' }]));
    schemaPath = join(mkdtempSync(join(tmpdir(), 'scale-out-')), 'schema.json');
    writeFileSync(schemaPath, JSON.stringify({ type: 'object', properties }));
  });

  /** Two instances with their own key prefix, so each test starts from an empty shared state. */
  async function pair(env: Record<string, string> = {}): Promise<[TestApp, TestApp]> {
    const [a, b] = await shared.instances({
      env: { CUSTOM_DATA_SCHEMA: schemaPath, RATE_LIMIT_PER_IP_PER_MINUTE: '1000000', RATE_LIMIT_PER_USER_PER_MINUTE: '1000000', ...env },
    });
    return [a, b];
  }

  async function redisKeys(pattern: string): Promise<string[]> {
    const raw = new Redis(redis.url, { lazyConnect: true });
    await raw.connect();
    try {
      return await raw.keys(pattern);
    } finally {
      raw.disconnect();
    }
  }

  async function user(password = 'correct horse battery') {
    const seeded = emu.seedUser({ username: `so_${Math.random().toString(36).slice(2, 10)}`, password });
    return { id: seeded.id, token: await tokenFor(emu, seeded.id), password };
  }

  const verifyPassword = (t: TestApp, token: string, password: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(token, headers), payload: { password } });

  it('200 concurrent cold requests spread over both instances make exactly one M2M token request', async () => {
    const [a, b] = await pair();
    const users = await Promise.all(Array.from({ length: 20 }, () => user()));
    emu.resetCounters();
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).inject({ method: 'GET', url: '/me', headers: bearer(users[i % users.length].token) })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(200).fill(200));
    expect(emu.counters.tokenRequests).toBe(1);
  });

  it('accepts on B a step-up verification made on A', async () => {
    const [a, b] = await pair();
    const { id, token, password } = await user();
    const created = await verifyPassword(a, token, password);
    expect(created.statusCode).toBe(201);
    const verificationId = (created.json() as { verificationId: string }).verificationId;
    const renamed = await b.inject({
      method: 'PATCH',
      url: '/me',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'verification-id': verificationId }),
      payload: JSON.stringify({ username: `moved_${id.slice(0, 6).toLowerCase()}` }),
    });
    expect(renamed.statusCode).toBe(200);
    expect(emu.state.users.get(id)?.username).toBe(`moved_${id.slice(0, 6).toLowerCase()}`);
  });

  it('holds a password lockout reached through A and B on both', async () => {
    const [a, b] = await pair();
    const { token, password } = await user();
    for (let i = 0; i < 5; i++) {
      expectProblem(await verifyPassword(i % 2 ? b : a, token, 'wrong password'), 422, 'verification.invalid_password');
    }
    expectProblem(await verifyPassword(a, token, password), 429, 'verification.locked');
    expectProblem(await verifyPassword(b, token, password), 429, 'verification.locked');
  });

  it('shares the reference cache: the connector list read through A serves B, under KEY_PREFIX', async () => {
    const [a, b] = await pair({ KEY_PREFIX: 'refcache:' });
    const { token } = await user();
    const connectorReads = () => emu.counters.byRoute['GET /api/connectors'] ?? 0;
    const before = connectorReads();
    for (const t of [a, b, a, b]) expect((await t.inject({ method: 'GET', url: '/me/identities', headers: bearer(token) })).statusCode).toBe(200);
    expect(connectorReads() - before).toBe(1);
    const keys = await redisKeys('*reference*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith('refcache:reference:'))).toBe(true);
  });

  it('counts the per-user rate limit over both instances', async () => {
    const [a, b] = await pair({ RATE_LIMIT_PER_USER_PER_MINUTE: '4' });
    const { token } = await user();
    for (const t of [a, b, a, b]) expect((await t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    expectProblem(await a.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 429, 'rate_limit.exceeded');
    expectProblem(await b.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 429, 'rate_limit.exceeded');
  });

  it('counts the per-IP limit over both instances', async () => {
    const [a, b] = await pair({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    for (const t of [a, b, a]) expectProblem(await t.inject({ method: 'GET', url: '/me' }), 401, 'auth.token_missing');
    expectProblem(await b.inject({ method: 'GET', url: '/me' }), 429, 'rate_limit.exceeded');
  });

  it('replays on B an idempotent PATCH first sent to A', async () => {
    const [a, b] = await pair();
    const { token } = await user();
    const patch = (t: TestApp, givenName: string) =>
      t.inject({
        method: 'PATCH',
        url: '/me/profile',
        headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'idempotency-key': 'retry-me-on-b' }),
        payload: JSON.stringify({ givenName }),
      });
    const first = await patch(a, 'Retried');
    expect(first.statusCode).toBe(200);
    const before = { ...emu.counters.byRoute };
    const retry = await patch(b, 'Retried');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    // Nothing runs again; only the suspension check reads the user (a replay must not serve a suspended account).
    const made = Object.entries(emu.counters.byRoute).filter(([route, count]) => route.includes(' /api/') && count !== (before[route] ?? 0));
    expect(made.map(([route, count]) => [route, count - (before[route] ?? 0)])).toEqual([['GET /api/users/:userId', 1]]);
    expectProblem(await patch(b, 'Another body'), 422, 'idempotency.key_reused');
  });

  it('tells B that a verification first sent to A completed, without its id (never stored)', async () => {
    const [a, b] = await pair();
    const { token, password } = await user();
    const first = await verifyPassword(a, token, password, { 'idempotency-key': 'verify-on-a' });
    expect(first.statusCode).toBe(201);
    const retry = await verifyPassword(b, token, password, { 'idempotency-key': 'verify-on-a' });
    expectProblem(retry, 409, 'idempotency.not_replayable');
    expect(retry.body).not.toContain((first.json() as { verificationId: string }).verificationId);
  });

  it('loses none of 50 concurrent custom-data patches of distinct keys spread over both (those refused as busy write nothing)', async () => {
    const [a, b] = await pair();
    const { id, token } = await user();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? a : b).inject({
          method: 'PATCH',
          url: '/me/custom-data',
          headers: bearer(token, { 'content-type': 'application/merge-patch+json' }),
          payload: JSON.stringify({ [`key${i}`]: i }),
        }),
      ),
    );
    // Each instance queues a bounded number of changes per user, all within one deadline (issue 18): the rest are
    // refused with 409 account.busy.
    const refused = responses.filter((r) => r.statusCode !== 200);
    expect(refused.map((r) => [r.statusCode, r.json().code])).toEqual(Array(refused.length).fill([409, 'account.busy']));
    expect(refused.length).toBeLessThan(50);
    const expected = Object.fromEntries(responses.flatMap((r, i) => (r.statusCode === 200 ? [[`key${i}`, i]] : [])));
    expect(emu.state.users.get(id)?.customData).toEqual(expected);
    expect((await a.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) })).json()).toEqual(expected);
  });

  it('answers 503 store.unavailable (not 500, no hang) while Redis is down, and recovers when it is back', async () => {
    const [a, b] = await pair();
    const { token } = await user();
    expect((await a.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    for (const t of [a, b]) expect((await t.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);

    await redis.kill();
    for (const t of [a, b]) {
      const down = await t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expectProblem(down, 503, 'store.unavailable');
      expect(down.headers['retry-after']).toBe('2');
      const write = await t.inject({
        method: 'PATCH',
        url: '/me/custom-data',
        headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'idempotency-key': 'during-outage' }),
        payload: JSON.stringify({ key1: 1 }),
      });
      expectProblem(write, 503, 'store.unavailable');
      // Every instance sees the same outage: they stay in rotation (degraded) and answer their own 503 with
      // Retry-After, instead of all leaving the Service and clients getting the ingress's page (issue #22, 7).
      await eventually(async () => {
        const ready = await t.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json()).toMatchObject({ status: 'degraded', checks: { redis: 'down' } });
      });
      // The liveness probe does not depend on Redis: an orchestrator must not restart the instance for it.
      expect((await t.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    }

    await redis.restart();
    for (const t of [a, b]) {
      await eventually(async () => expect((await t.inject({ method: 'GET', url: '/health/ready' })).json()).toMatchObject({ status: 'ok' }));
      expect((await t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    }
  });
});

/** Retries an assertion until it holds (the client reconnects within about a second), failing after a bound. */
async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
