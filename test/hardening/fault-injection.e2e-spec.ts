/**
 * A failing Logto (issue #11): refused connections, answers after the deadline, 5xx, truncated JSON, dropped
 * sockets, a revoked M2M token mid-load, the token endpoint or the JWKS down, key rotation mid-load.
 * test/access/gateway.e2e-spec.ts has the single-fault basics; this suite runs each fault against reads and
 * writes and checks what a client sees: 502/503/504 problems (Retry-After on 503/504), never a 500, never a
 * request that outlives LOGTO_TIMEOUT_MS (plus a generous margin for a loaded CI machine), no write that is
 * half applied without saying so.
 */
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import type { FaultSpec } from '@logto-account-service/logto-emulator';
import { bearer, grantStepUp, READ_WRITE_SCOPES, startEmulatorApp, TEST_AUDIENCE, type TestApp } from '../support/test-app.js';
import { seedRichAccount, type RichAccount } from './hardening-support.js';

const TIMEOUT_MS = 500;
/**
 * Generous: the point is "bounded" (no request waits for Logto's late answer or hangs until jest's own timeout),
 * not "fast"; a request may legitimately spend a deadline on the old M2M token, fetch a new one and retry, and a
 * 2-core machine running the rest of the suite stretches all of that.
 */
const MARGIN_MS = 3000;
/** When a "late" Logto answers: after every bounded request has given up, so waiting for it would break the bound. */
const LATE_MS = TIMEOUT_MS + MARGIN_MS + 500;
const HALF_OPEN_MS = 400;

interface Harness {
  emu: LogtoEmulator;
  t: TestApp;
  me: RichAccount;
  /** Sends a request and checks it did not outlive the deadline. */
  send(method: 'GET' | 'PATCH' | 'PUT' | 'DELETE' | 'POST', url: string, options?: { payload?: unknown; headers?: Record<string, string>; token?: string }): Promise<{ statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }>;
  close(): Promise<void>;
}

async function harness(env: Record<string, string> = {}): Promise<Harness> {
  const started = await startEmulatorApp({
    env: { LOGTO_TIMEOUT_MS: String(TIMEOUT_MS), LOGTO_BREAKER_HALF_OPEN_MS: String(HALF_OPEN_MS), JWKS_COOLDOWN_SECONDS: '0', CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json', ...env },
  });
  const { emu, t } = started;
  const me = await seedRichAccount(emu).catch(async (error: unknown) => {
    await started.close();
    throw error;
  });
  return {
    emu,
    t,
    me,
    async send(method, url, options = {}) {
      const started = performance.now();
      const res = await t.inject({ method, url, headers: bearer(options.token ?? me.token, options.headers), payload: options.payload as string | undefined });
      const elapsed = performance.now() - started;
      if (elapsed > TIMEOUT_MS + MARGIN_MS) throw new Error(`${method} ${url} took ${Math.round(elapsed)} ms (deadline ${TIMEOUT_MS} ms + ${MARGIN_MS} ms margin)`);
      if (res.statusCode === 500) throw new Error(`${method} ${url} → 500 ${res.body}`);
      return res;
    },
    async close() {
      emu.clearFaults();
      await started.close();
    },
  };
}

/** A 5xx a client can act on: problem+json, an upstream.* code, Retry-After on 503 and 504. */
function expectUpstreamProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, statuses: number[]) {
  expect(statuses).toContain(res.statusCode);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = res.json() as { code: string; status: number };
  expect(body.code).toMatch(/^upstream\./);
  expect(body.status).toBe(res.statusCode);
  if (res.statusCode === 503 || res.statusCode === 504) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  return body;
}

const API = '/api/';

describe('fault injection against the Logto emulator', () => {
  describe('each fault, on a read and on a write', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await harness();
      expect((await h.send('GET', '/me')).statusCode).toBe(200);
    });
    afterEach(() => h.close());

    const faults: Array<[string, FaultSpec | 'stop', number[], string[]]> = [
      ['Logto refusing connections', 'stop', [503], ['upstream.unreachable', 'upstream.circuit_open']],
      ['Logto answering after the timeout', { match: API, latencyMs: LATE_MS }, [504], ['upstream.timeout']],
      ['Logto answering 500', { match: API, status: 500 }, [502], ['upstream.unavailable']],
      ['Logto answering 502 (retried, then given up)', { match: API, status: 502 }, [502], ['upstream.unavailable']],
      ['Logto answering 503 with a non-JSON body', { match: API, status: 503, body: '<html>maintenance</html>' }, [502], ['upstream.unavailable']],
      ['truncated JSON', { match: API, malformedJson: true }, [502], ['upstream.bad_response']],
      ['the connection dropped without an answer', { match: API, destroySocket: true }, [502, 503], ['upstream.unreachable', 'upstream.unavailable', 'upstream.bad_response']],
    ];

    it.each(faults)('%s → a bounded, retryable problem on GET /me', async (_name, fault, statuses, codes) => {
      if (fault === 'stop') await h.emu.stop();
      else h.emu.setFault(fault);
      const body = expectUpstreamProblem(await h.send('GET', '/me'), statuses);
      expect(codes).toContain(body.code);
    });

    it.each(faults)('%s → a write reports failure and applies nothing, also once a late answer is in', async (_name, fault, statuses) => {
      const before = h.emu.stateDigest();
      if (fault === 'stop') await h.emu.stop();
      else h.emu.setFault({ ...fault, match: `/api/users/${h.me.userId}` });
      const res = await h.send('PATCH', '/me/custom-data', { payload: { theme: 'dark' }, headers: { 'content-type': 'application/merge-patch+json' } });
      expectUpstreamProblem(res, statuses);
      if (fault === 'stop') await h.emu.restart();
      h.emu.clearFaults();
      // Past any late answer too: the slow call the service gave up on is the read before the write, so Logto
      // finishing it later changes nothing either, and the write was never sent.
      await new Promise((resolve) => setTimeout(resolve, Math.max(HALF_OPEN_MS, fault === 'stop' ? 0 : (fault.latencyMs ?? 0)) + 50));
      expect(h.emu.stateDigest()).toBe(before);
      const retried = await h.send('PATCH', '/me/custom-data', { payload: { theme: 'dark' }, headers: { 'content-type': 'application/merge-patch+json' } });
      expect(retried.statusCode).toBe(200);
      expect(h.emu.state.users.get(h.me.userId)?.customData).toMatchObject({ theme: 'dark', plan: 'pro', internal: 'private' });
    });
  });

  it('opens the breaker after repeated 500s, fails fast with Retry-After while open, and closes when Logto recovers', async () => {
    const h = await harness();
    try {
      expect((await h.send('GET', '/me')).statusCode).toBe(200);
      h.emu.setFault({ match: API, status: 500 });
      const seen: string[] = [];
      for (let i = 0; i < 8; i += 1) seen.push((expectUpstreamProblem(await h.send('GET', '/me'), [502, 503]) as { code: string }).code);
      expect(seen.slice(0, 5)).toEqual(Array(5).fill('upstream.unavailable'));
      expect(seen.slice(5)).toEqual(Array(3).fill('upstream.circuit_open'));
      const callsWhileOpen = h.emu.counters.managementCalls;
      expectUpstreamProblem(await h.send('GET', '/me'), [503]);
      expect(h.emu.counters.managementCalls).toBe(callsWhileOpen);

      h.emu.clearFaults();
      await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_MS + 50));
      expect((await h.send('GET', '/me')).statusCode).toBe(200);
      expect((await h.send('GET', '/me')).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('replaces the M2M token when Logto starts answering 401 to it in the middle of a load', async () => {
    const h = await harness();
    try {
      expect((await h.send('GET', '/me')).statusCode).toBe(200);
      const tokensBefore = h.emu.counters.tokenRequests;
      const pending = Array.from({ length: 60 }, (_, i) =>
        new Promise((resolve) => setTimeout(resolve, i % 3)).then(() => h.send(i % 2 === 0 ? 'GET' : 'PATCH', i % 2 === 0 ? '/me' : '/me/custom-data', i % 2 === 0 ? {} : { payload: { theme: i % 4 === 1 ? 'dark' : 'light' }, headers: { 'content-type': 'application/json' } })),
      );
      setTimeout(() => h.emu.revokeM2MTokens(), 1);
      const responses = await Promise.all(pending);
      // The 30 patches of one user's custom data queue for its lock, a bounded queue (issue 18): those that do not
      // fit are refused with 409 account.busy, which has nothing to do with the token.
      const outcomes = responses.map((res) => (res.statusCode === 409 ? (res.json() as { code: string }).code : res.statusCode));
      expect(outcomes.filter((_, i) => i % 2 === 0)).toEqual(Array(30).fill(200));
      expect(outcomes.filter((outcome, i) => i % 2 === 1 && outcome !== 200 && outcome !== 'account.busy')).toEqual([]);
      // One replacement, shared by every request that saw the 401 (not one per request, nor one per 401 of a
      // request that was sent with the old token after the replacement).
      expect(h.emu.counters.tokenRequests).toBe(tokensBefore + 1);
    } finally {
      await h.close();
    }
  });

  describe('the token endpoint down before the first M2M token', () => {
    it.each<[string, FaultSpec]>([
      ['answering 500', { match: '/oidc/token', status: 500 }],
      ['answering after the timeout', { match: '/oidc/token', latencyMs: LATE_MS }],
      ['dropping the connection', { match: '/oidc/token', destroySocket: true }],
      ['answering truncated JSON', { match: '/oidc/token', malformedJson: true }],
    ])('%s → 502/503/504 with Retry-After, then works once it is back', async (_name, fault) => {
      const h = await harness();
      try {
        h.emu.setFault(fault);
        const before = h.emu.stateDigest();
        const res = await h.send('GET', '/me');
        expectUpstreamProblem(res, [502, 503, 504]);
        const write = await h.send('PATCH', '/me/custom-data', { payload: { theme: 'dark' }, headers: { 'content-type': 'application/json' } });
        expectUpstreamProblem(write, [502, 503, 504]);
        expect(h.emu.stateDigest()).toBe(before);
        h.emu.clearFaults();
        await new Promise((resolve) => setTimeout(resolve, HALF_OPEN_MS + 50));
        expect((await h.send('GET', '/me')).statusCode).toBe(200);
      } finally {
        await h.close();
      }
    });
  });

  it('keeps serving known tokens and keys while the JWKS endpoint is down, and refuses unknown keys without a 5xx', async () => {
    const h = await harness();
    try {
      expect((await h.send('GET', '/me')).statusCode).toBe(200);
      h.emu.setFault({ match: '/oidc/jwks', status: 500 });
      // The same token (verified-token cache) and a new token signed by a key already fetched.
      expect((await h.send('GET', '/me')).statusCode).toBe(200);
      const fresh = await h.emu.mintUserToken({ sub: h.me.userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });
      expect((await h.send('GET', '/me', { token: fresh })).statusCode).toBe(200);
      // A key the service has never seen cannot be fetched: the token is refused (401) or the outage is
      // reported (503), but nothing is let through and nothing breaks.
      await h.emu.rotateSigningKey({ keepPrevious: true });
      const unknownKid = await h.emu.mintUserToken({ sub: h.me.userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });
      const calls = h.emu.counters.managementCalls;
      const res = await h.send('GET', '/me', { token: unknownKid });
      expect([401, 503]).toContain(res.statusCode);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(h.emu.counters.managementCalls).toBe(calls);
      h.emu.clearFaults();
      expect((await h.send('GET', '/me', { token: unknownKid })).statusCode).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('serves every request through a key rotation in the middle of a load', async () => {
    const h = await harness();
    try {
      const mint = () => h.emu.mintUserToken({ sub: h.me.userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });
      const oldTokens = await Promise.all(Array.from({ length: 20 }, mint));
      expect((await h.send('GET', '/me', { token: oldTokens[0] })).statusCode).toBe(200);
      const first = oldTokens.map((token) => h.send('GET', '/me', { token }));
      await h.emu.rotateSigningKey({ keepPrevious: true });
      const newTokens = await Promise.all(Array.from({ length: 20 }, mint));
      const second = [...newTokens, ...oldTokens].map((token) => h.send('GET', '/me', { token }));
      const statuses = (await Promise.all([...first, ...second])).map((res) => res.statusCode);
      expect(statuses).toEqual(Array(60).fill(200));
    } finally {
      await h.close();
    }
  });

  describe('no half-applied change reported as success', () => {
    it('an email change whose address update times out after Logto consumed the code: 504, then the same request succeeds', async () => {
      const h = await harness();
      try {
        const address = `moved.${h.me.userId}@example.com`;
        const stepUp = await grantStepUp(h.t, h.me.userId);
        expect((await h.send('POST', '/me/email/verification-code', { payload: { email: address }, headers: { 'verification-id': stepUp } })).statusCode).toBe(202);
        const code = h.emu.lastCode(address) as string;
        // Logto answers the address update too late (it does apply it afterwards, as a real slow Logto would).
        h.emu.setFault({ match: `/api/users/${h.me.userId}`, methods: ['PATCH'], latencyMs: TIMEOUT_MS * 3, times: 1 });
        const first = await h.send('PUT', '/me/email', { payload: { email: address, code }, headers: { 'verification-id': stepUp } });
        expectUpstreamProblem(first, [504]);
        // The code is spent in Logto; the retry must still succeed (the service kept a proof), and say so.
        const retried = await h.send('PUT', '/me/email', { payload: { email: address, code }, headers: { 'verification-id': stepUp } });
        expect(retried.statusCode).toBe(200);
        expect(retried.json()).toMatchObject({ primaryEmail: address });
        expect(h.emu.state.users.get(h.me.userId)?.primaryEmail).toBe(address);
      } finally {
        await h.close();
      }
    });

    it('a password change that Logto refuses with a 500: reported, the old password still works', async () => {
      const h = await harness();
      try {
        const stepUp = await grantStepUp(h.t, h.me.userId);
        const before = h.emu.stateDigest();
        h.emu.setFault({ match: `/api/users/${h.me.userId}/password`, status: 500, times: 1 });
        const res = await h.send('PUT', '/me/password', { payload: { password: 'A-brand-new-Passw0rd!' }, headers: { 'verification-id': stepUp } });
        expectUpstreamProblem(res, [502]);
        expect(h.emu.stateDigest()).toBe(before);
        const verify = await h.send('POST', '/me/verifications/password', { payload: { password: h.me.password } });
        expect(verify.statusCode).toBe(201);
      } finally {
        await h.close();
      }
    });
  });
});
