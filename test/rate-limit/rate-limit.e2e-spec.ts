import { ManualClock } from '../../src/common/clock.js';
import { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, startEmulatorApp, tokenOnClock, type TestApp } from '../support/test-app.js';
import { TestRoutesModule } from '../support/test-routes.module.js';

describe('rate limits', () => {
  let emu: LogtoEmulator;

  beforeAll(async () => {
    emu = await LogtoEmulator.start();
  });
  afterAll(async () => {
    await emu.close();
  });

  const longToken = (userId: string, clock: ManualClock) => tokenOnClock(emu, userId, clock, { ttlSeconds: 86_400 });

  describe('per user, on every /me route', () => {
    let t: TestApp;
    const clock = new ManualClock();

    beforeAll(async () => {
      t = (await startEmulatorApp({ emulator: emu, clock, imports: [TestRoutesModule], env: { RATE_LIMIT_PER_USER_PER_MINUTE: '3' } })).t;
    });
    afterAll(async () => {
      await t.close();
    });

    it('counts one user over all /me routes and answers 429 with Retry-After and RateLimit fields past the limit', async () => {
      const id = emu.seedUser({ username: 'rl_user_a' }).id;
      const token = await longToken(id, clock);
      const first = await t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expect(first.statusCode).toBe(200);
      expect(first.headers['ratelimit-policy']).toContain('"user";q=3;w=60');
      expect(first.headers.ratelimit).toContain('"user";r=2;t=60');
      expect((await t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) })).statusCode).toBe(200);
      const third = await t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expect(third.statusCode).toBe(200);
      expect(third.headers.ratelimit).toContain('"user";r=0;');

      const before = emu.stateDigest();
      const limited = await t.inject({ method: 'PATCH', url: '/me/profile', headers: bearer(token), payload: { givenName: 'Over' } });
      const body = expectProblem(limited, 429, 'rate_limit.exceeded');
      expect(body.policy).toBe('user');
      expect(limited.headers['retry-after']).toBe('60');
      expect(limited.headers['ratelimit-policy']).toBe('"user";q=3;w=60');
      expect(limited.headers.ratelimit).toBe('"user";r=0;t=60');
      expect(emu.stateDigest()).toBe(before);
    });

    it('limits each user separately', async () => {
      const id = emu.seedUser({ username: 'rl_user_b' }).id;
      const token = await longToken(id, clock);
      for (let i = 0; i < 3; i++) expect((await t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
      const other = await longToken(emu.seedUser({ username: 'rl_user_c' }).id, clock);
      expect((await t.inject({ method: 'GET', url: '/me', headers: bearer(other) })).statusCode).toBe(200);
      expectProblem(await t.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 429, 'rate_limit.exceeded');
    });

    it('opens a new window when the minute is over', async () => {
      const token = await longToken(emu.seedUser({ username: 'rl_user_d' }).id, clock);
      for (let i = 0; i < 3; i++) await t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expectProblem(await t.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 429, 'rate_limit.exceeded');
      clock.advance(30_000);
      const half = await t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expectProblem(half, 429, 'rate_limit.exceeded');
      expect(half.headers['retry-after']).toBe('30');
      clock.advance(30_000);
      expect((await t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    });

    it('leaves routes outside /me to the per-IP limit only', async () => {
      const token = await longToken(emu.seedUser({ username: 'rl_user_e' }).id, clock);
      for (let i = 0; i < 5; i++) {
        const res = await t.inject({ method: 'GET', url: '/test/whoami', headers: bearer(token) });
        expect(res.statusCode).toBe(200);
        expect(res.headers['ratelimit-policy']).toBe('"ip";q=1200;w=60');
      }
    });
  });

  describe('per client address, before authentication', () => {
    let t: TestApp;
    const clock = new ManualClock();

    beforeAll(async () => {
      t = (await startEmulatorApp({
        emulator: emu,
        clock,
        env: { RATE_LIMIT_PER_IP_PER_MINUTE: '3', RATE_LIMIT_PER_USER_PER_MINUTE: '100', TRUST_PROXY: '127.0.0.1' },
      })).t;
    });
    afterAll(async () => {
      await t.close();
    });

    const from = (ip: string, headers: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...headers });

    it('limits a flood of invalid tokens: the limit runs before the token is even looked at', async () => {
      const jwksBefore = emu.counters.jwksFetches;
      for (let i = 0; i < 3; i++) {
        expectProblem(await t.inject({ method: 'GET', url: '/me', headers: from('203.0.113.7', { authorization: 'Bearer forged' }) }), 401, 'auth.token_invalid');
      }
      const limited = await t.inject({ method: 'GET', url: '/me', headers: from('203.0.113.7', { authorization: 'Bearer forged' }) });
      const body = expectProblem(limited, 429, 'rate_limit.exceeded');
      expect(body.policy).toBe('ip');
      expect(limited.headers['retry-after']).toBe('60');
      expect(limited.headers['ratelimit-policy']).toBe('"ip";q=3;w=60');
      // Even a valid token from that address waits now: the guard never ran.
      const valid = await longToken(emu.seedUser({ username: 'rl_ip_a' }).id, clock);
      expectProblem(await t.inject({ method: 'GET', url: '/me', headers: from('203.0.113.7', bearer(valid)) }), 429, 'rate_limit.exceeded');
      expect(emu.counters.jwksFetches).toBe(jwksBefore);
    });

    it('tells clients apart by the address TRUST_PROXY yields', async () => {
      const token = await longToken(emu.seedUser({ username: 'rl_ip_b' }).id, clock);
      for (let i = 0; i < 3; i++) expect((await t.inject({ method: 'GET', url: '/me', headers: from('198.51.100.1', bearer(token)) })).statusCode).toBe(200);
      expectProblem(await t.inject({ method: 'GET', url: '/me', headers: from('198.51.100.1', bearer(token)) }), 429, 'rate_limit.exceeded');
      const other = await t.inject({ method: 'GET', url: '/me', headers: from('198.51.100.2', bearer(token)) });
      expect(other.statusCode).toBe(200);
      expect(other.headers['ratelimit-policy']).toBe('"ip";q=3;w=60, "user";q=100;w=60');
      expect(other.headers.ratelimit).toMatch(/^"ip";r=2;t=\d+, "user";r=\d+;t=\d+$/);
    });

    it('groups IPv6 clients by /64', async () => {
      for (let i = 1; i <= 3; i++) await t.inject({ method: 'GET', url: '/me', headers: from(`2001:db8:1:2::${i}`) });
      expectProblem(await t.inject({ method: 'GET', url: '/me', headers: from('2001:db8:1:2:ffff::9') }), 429, 'rate_limit.exceeded');
      expectProblem(await t.inject({ method: 'GET', url: '/me', headers: from('2001:db8:1:3::1') }), 401, 'auth.token_missing');
    });

    it('never limits health probes', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await t.inject({ method: 'GET', url: '/health/live', headers: from('192.0.2.50') })).statusCode).toBe(200);
      }
      clock.advance(60_000);
    });
  });
});
