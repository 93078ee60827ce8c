import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { expectProblem, TEST_AUDIENCE, withEmulatorApp, type TestApp } from '../support/test-app.js';
import { TestRoutesModule } from '../support/test-routes.module.js';

const READ_WRITE = ['account:read', 'account:write'];

interface Gateway {
  emu: LogtoEmulator;
  t: TestApp;
  /** A call to the test route as the seeded user. */
  call(method?: 'GET' | 'POST', headers?: Record<string, string>): ReturnType<TestApp['inject']>;
}

/** Runs `body` against a fresh emulator holding one user and an app with the test routes, and closes both. */
function withGateway(env: Record<string, string>, body: (gateway: Gateway) => Promise<void>): Promise<void> {
  return withEmulatorApp({ imports: [TestRoutesModule], env }, async ({ emu, t }) => {
    const userId = emu.seedUser({ username: 'gateway_user' }).id;
    const token = await emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE });
    const call = (method: 'GET' | 'POST' = 'GET', headers: Record<string, string> = {}) =>
      t.inject({ method, url: '/test/whoami', headers: { authorization: `Bearer ${token}`, ...headers } });
    await body({ emu, t, call });
  });
}

describe('Management API gateway', () => {
  it('makes exactly one M2M token request and one JWKS fetch for 300 concurrent cold requests', async () => {
    await withGateway({}, async ({ emu, call }) => {
      const responses = await Promise.all(Array.from({ length: 300 }, () => call()));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(300).fill(200));
      expect(emu.counters.tokenRequests).toBe(1);
      expect(emu.counters.jwksFetches).toBe(1);
    });
  });

  it('replaces a revoked M2M token transparently', async () => {
    await withGateway({}, async ({ emu, call }) => {
      expect((await call()).statusCode).toBe(200);
      emu.revokeM2MTokens();
      const responses = await Promise.all(Array.from({ length: 20 }, () => call()));
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      expect(emu.counters.tokenRequests).toBe(2);
    });
  });

  it("sends Management API calls through its own connection pool, not the process's global dispatcher", async () => {
    // Whoever claims the global dispatcher first (Node's bundled undici does, on its first fetch) would otherwise
    // carry every call: measured by `npm run bench` at about 20 µs more CPU per call.
    const previous = getGlobalDispatcher();
    const seen: string[] = [];
    class RecordingAgent extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        seen.push(options.path);
        return super.dispatch(options, handler);
      }
    }
    const recording = new RecordingAgent();
    setGlobalDispatcher(recording);
    try {
      await withGateway({}, async ({ emu, call }) => {
        expect((await call()).statusCode).toBe(200);
        expect(emu.requests.some((r) => r.url.startsWith('/api/users/'))).toBe(true);
      });
      expect(seen.filter((path) => path.startsWith('/api/'))).toEqual([]);
    } finally {
      setGlobalDispatcher(previous);
      await recording.close();
    }
  });

  it('forwards the request id to Logto', async () => {
    await withGateway({}, async ({ emu, call }) => {
      await call('GET', { 'x-request-id': 'trace-me-123' });
      const forwarded = emu.requests.filter((r) => r.url.startsWith('/api/users/'));
      expect(forwarded.at(-1)?.headers['x-request-id']).toBe('trace-me-123');
    });
  });

  it('answers 404 account.not_found when the user in the token no longer exists', async () => {
    await withGateway({}, async ({ emu, t }) => {
      const ghost = await emu.mintUserToken({ sub: 'deleteduser1', scopes: READ_WRITE, audience: TEST_AUDIENCE });
      const res = await t.inject({ method: 'GET', url: '/test/whoami', headers: { authorization: `Bearer ${ghost}` } });
      expectProblem(res, 404, 'account.not_found');
    });
  });

  it('answers 504 upstream.timeout within the deadline when Logto is too slow', async () => {
    const TIMEOUT_MS = 300;
    // Logto answers long after the deadline: a 504 before that answer can only come from the deadline, and
    // not before the configured timeout, or the service gave up early. No guess at the machine's speed.
    const LATENCY_MS = TIMEOUT_MS * 6;
    await withGateway({ LOGTO_TIMEOUT_MS: String(TIMEOUT_MS) }, async ({ emu, call }) => {
      try {
        expect((await call()).statusCode).toBe(200);
        emu.setFault({ match: '/api/users', latencyMs: LATENCY_MS });
        const started = performance.now();
        const res = await call();
        const elapsed = performance.now() - started;
        expectProblem(res, 504, 'upstream.timeout');
        expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
        expect(elapsed).toBeLessThan(LATENCY_MS);
      } finally {
        emu.clearFaults();
      }
    });
  });

  it('answers 502 upstream.unavailable for a Logto 500, without retrying it', async () => {
    await withGateway({}, async ({ emu, call }) => {
      await call();
      const before = emu.counters.managementCalls;
      emu.setFault({ match: '/api/users', status: 500, times: 1 });
      const res = await call();
      expectProblem(res, 502, 'upstream.unavailable');
      expect(emu.counters.managementCalls - before).toBe(1);
    });
  });

  it('retries an idempotent call on 503 and succeeds when Logto recovers', async () => {
    await withGateway({}, async ({ emu, call }) => {
      await call();
      emu.setFault({ match: '/api/users', status: 503, times: 2 });
      const res = await call();
      expect(res.statusCode).toBe(200);
    });
  });

  it('does not retry a non-idempotent call', async () => {
    await withGateway({}, async ({ emu, call }) => {
      try {
        await call();
        emu.setFault({ match: '/api/users', methods: ['PATCH'], status: 503, times: 5 });
        const before = emu.stateDigest();
        const res = await call('POST');
        expectProblem(res, 502, 'upstream.unavailable');
        expect(emu.stateDigest()).toBe(before);
      } finally {
        emu.clearFaults();
      }
    });
  });

  it('answers 502 upstream.bad_response for malformed JSON', async () => {
    await withGateway({}, async ({ emu, call }) => {
      await call();
      emu.setFault({ match: '/api/users', malformedJson: true, times: 1 });
      expectProblem(await call(), 502, 'upstream.bad_response');
    });
  });

  it('answers 503 upstream.auth_failed when the token endpoint refuses, and logs no secret', async () => {
    await withEmulatorApp({ imports: [TestRoutesModule], env: { LOGTO_M2M_APP_SECRET: 'definitely-wrong-secret' } }, async ({ emu, t }) => {
      const userId = emu.seedUser({ username: 'wrong_secret' }).id;
      const token = await emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE });
      const res = await t.inject({ method: 'GET', url: '/test/whoami', headers: { authorization: `Bearer ${token}` } });
      expectProblem(res, 503, 'upstream.auth_failed');
      expect(res.headers['retry-after']).toBe('5');
      expect(t.logs()).toContain('oidc.invalid_client');
      expect(t.logs()).not.toContain('definitely-wrong-secret');
      expect(res.body).not.toContain('definitely-wrong-secret');
    });
  });

  it('answers 503 with Retry-After when Logto is down, fails fast once the breaker opens, and recovers', async () => {
    const HALF_OPEN_MS = 2000;
    await withGateway({ LOGTO_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS) }, async ({ emu, call }) => {
      expect((await call()).statusCode).toBe(200);
      await emu.stop();

      const first = await call();
      expectProblem(first, 503, 'upstream.unreachable');
      expect(Number(first.headers['retry-after'])).toBeGreaterThan(0);

      // Five consecutive failed attempts open the breaker; then calls fail at once without touching Logto.
      let open = first;
      for (let i = 0; i < 5 && open.json().code !== 'upstream.circuit_open'; i += 1) open = await call();
      expectProblem(open, 503, 'upstream.circuit_open');
      const openedAt = performance.now();
      // Logto is back, but the breaker is open: "fails fast" means Logto sees no call at all.
      await emu.restart();
      const requestsBefore = emu.requests.length;
      const fast = await call();
      expect(performance.now() - openedAt).toBeLessThan(HALF_OPEN_MS);
      expectProblem(fast, 503, 'upstream.circuit_open');
      expect(emu.requests.length).toBe(requestsBefore);
      expect(Number(fast.headers['retry-after'])).toBeGreaterThanOrEqual(1);

      await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_MS + 50));
      expect((await call()).statusCode).toBe(200);
    });
  });
});
