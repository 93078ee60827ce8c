/**
 * Issue #18, item 1: an account suspended by an admin (Logto's `isSuspended`) must not keep control through a
 * still-valid access token. Every /me route answers 403 account.suspended and nothing that changes the account
 * reaches Logto; writes read the suspension fresh, reads may trust a cached status for SUSPENSION_CACHE_SECONDS.
 */
import { Clock, ManualClock } from '../../src/common/clock.js';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { accountRouteHandlers, bearer, expectProblem, grantStepUp, useEmulatorApp, type TestApp } from '../support/test-app.js';
import { seedRichAccount, type RichAccount } from '../hardening/hardening-support.js';
import { totpCode } from '../mfa/mfa-test-support.js';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteRequest {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** What a client of the account sends to each route: valid requests, so only the suspension can refuse them. */
type RequestBuilder = (account: RichAccount, t: TestApp, emu: LogtoEmulator) => Promise<Omit<RouteRequest, 'method'>>;

const stepUp = async (account: RichAccount, t: TestApp) => ({ 'verification-id': await grantStepUp(t, account.userId) });

const ROUTES: Record<string, RequestBuilder> = {
  'GET /me': async () => ({ url: '/me' }),
  'PATCH /me': async () => ({ url: '/me', payload: { name: 'Renamed While Suspended' } }),
  'PATCH /me/profile': async () => ({ url: '/me/profile', payload: { nickname: 'suspended' } }),
  'GET /me/custom-data': async () => ({ url: '/me/custom-data' }),
  'GET /me/custom-data/schema': async () => ({ url: '/me/custom-data/schema' }),
  'PATCH /me/custom-data': async () => ({ url: '/me/custom-data', payload: { theme: 'dark' } }),
  'POST /me/verifications/password': async (a) => ({ url: '/me/verifications/password', payload: { password: a.password } }),
  'POST /me/verifications/code': async () => ({ url: '/me/verifications/code', payload: { channel: 'email' } }),
  'POST /me/verifications/reauthentication': async (a, t, emu) => {
    const now = Math.floor(t.app.get(Clock).now() / 1000);
    return { url: '/me/verifications/reauthentication', payload: { idToken: await emu.mintIdToken({ sub: a.userId, audience: REAUTH_APP, authTime: now, issuedAt: now }) } };
  },
  'POST /me/verifications/:verificationId/verify': async (a, t) => ({
    url: `/me/verifications/${await grantStepUp(t, a.userId)}/verify`,
    payload: { code: '123456' },
  }),
  'GET /me/identities': async () => ({ url: '/me/identities' }),
  'POST /me/identities/social/authorization-uri': async (_a, _t, emu) => ({
    url: '/me/identities/social/authorization-uri',
    payload: { connectorId: emu.connectorIds.socialConnectorId, redirectUri: 'https://app.example.com/account/linked', state: 'state-of-sixteen-chars' },
  }),
  'POST /me/identities/social': async (a, t, emu) => ({
    url: '/me/identities/social',
    payload: { connectorId: emu.connectorIds.socialConnectorId, connectorData: { code: 'mock-code', redirectUri: 'https://app.example.com/account/linked' } },
    headers: await stepUp(a, t),
  }),
  'DELETE /me/identities/social/:target': async (a, t) => ({ url: `/me/identities/social/${a.socialTarget}`, headers: await stepUp(a, t) }),
  'GET /me/activity': async () => ({ url: '/me/activity' }),
  'GET /me/export': async () => ({ url: '/me/export' }),
  'HEAD /me/export': async () => ({ url: '/me/export' }),
  'GET /me/mfa': async () => ({ url: '/me/mfa' }),
  'POST /me/mfa/totp/enrollment': async (a, t) => ({ url: '/me/mfa/totp/enrollment', headers: await stepUp(a, t) }),
  'POST /me/mfa/totp': async (a, t, emu) => {
    // An enrollment started while the account was still usable, confirmed with the right code.
    emu.state.mfaVerifications.set(a.userId, []);
    const headers = await stepUp(a, t);
    const started = await t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers: bearer(a.token, headers) });
    const { enrollmentId, secret } = started.json() as { enrollmentId: string; secret: string };
    return { url: '/me/mfa/totp', payload: { enrollmentId, code: totpCode(secret, t.app.get(Clock).now()) }, headers };
  },
  'GET /me/mfa/backup-codes': async () => ({ url: '/me/mfa/backup-codes' }),
  'POST /me/mfa/backup-codes': async (a, t) => ({ url: '/me/mfa/backup-codes', headers: await stepUp(a, t) }),
  'DELETE /me/mfa/:factorId': async (a, t) => ({ url: `/me/mfa/${a.totpFactorId}`, headers: await stepUp(a, t) }),
  'GET /me/sessions': async () => ({ url: '/me/sessions' }),
  'DELETE /me/sessions': async (a, t) => ({ url: '/me/sessions', headers: await stepUp(a, t) }),
  'DELETE /me/sessions/:sessionId': async (a) => ({ url: `/me/sessions/${a.sessionId}` }),
  'GET /me/grants': async () => ({ url: '/me/grants' }),
  'DELETE /me/grants/:grantId': async (a) => ({ url: `/me/grants/${encodeURIComponent(a.grantId)}` }),
  'POST /me/email/verification-code': async () => ({ url: '/me/email/verification-code', payload: { email: `free.${Date.now()}@example.com` } }),
  'PUT /me/email': async (a, t) => ({ url: '/me/email', payload: { email: `new.${Date.now()}@example.com`, code: '123456' }, headers: await stepUp(a, t) }),
  'DELETE /me/email': async (a, t) => ({ url: '/me/email', headers: await stepUp(a, t) }),
  'POST /me/phone/verification-code': async () => ({ url: '/me/phone/verification-code', payload: { phone: '+15550109999' } }),
  'PUT /me/phone': async (a, t) => ({ url: '/me/phone', payload: { phone: '+15550109998', code: '123456' }, headers: await stepUp(a, t) }),
  'DELETE /me/phone': async (a, t) => ({ url: '/me/phone', headers: await stepUp(a, t) }),
  'GET /me/organizations': async () => ({ url: '/me/organizations' }),
  'DELETE /me': async (a, t) => ({ url: '/me', headers: await stepUp(a, t) }),
  'GET /me/deletion': async () => ({ url: '/me/deletion' }),
  'DELETE /me/deletion': async () => ({ url: '/me/deletion' }),
  'GET /me/security': async () => ({ url: '/me/security' }),
  'GET /me/password': async () => ({ url: '/me/password' }),
  'PUT /me/password': async (a, t) => ({ url: '/me/password', payload: { password: 'A-brand-new-Passw0rd!' }, headers: await stepUp(a, t) }),
};

/** Every route of the /me controllers, as `METHOD /path` with Nest's `:param` placeholders. */
function accountRoutes(t: TestApp): string[] {
  return accountRouteHandlers(t.app).map((entry) => entry.route).sort();
}

const SUSPENSION_CACHE_SECONDS = 30;
const REAUTH_APP = 'reauth-spa-app';

describe('a suspended account (isSuspended in Logto)', () => {
  const clock = new ManualClock();
  const h = useEmulatorApp({
    clock,
    emulatorOptions: { now: () => clock.now() },
    env: {
      SUSPENSION_CACHE_SECONDS: String(SUSPENSION_CACHE_SECONDS),
      REAUTH_CLIENT_IDS: REAUTH_APP,
      SOCIAL_REDIRECT_URIS: 'https://app.example.com/account/linked', RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_IP_PER_MINUTE: '100000' },
  });

  const suspend = (userId: string, isSuspended = true) => {
    const user = h.emu.state.users.get(userId);
    if (!user) throw new Error(`no user ${userId}`);
    user.isSuspended = isSuspended;
  };

  /** Management API calls other than reads since `before` (the emulator counts calls per route). */
  const writesSince = (before: Record<string, number>) =>
    Object.entries(h.emu.counters.byRoute)
      .filter(([route, count]) => !route.startsWith('GET ') && !route.startsWith('HEAD ') && !route.includes('/oidc/') && count !== (before[route] ?? 0))
      .map(([route]) => route);

  it('the sweep below covers every /me route', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(accountRoutes(h.t));
  });

  describe.each(Object.keys(ROUTES).sort())('%s', (route) => {
    const method = route.split(' ')[0] as Method;
    const isWrite = method !== 'GET' && method !== 'HEAD';

    it(
      isWrite
        ? 'refuses with 403 account.suspended although the service had seen the account active a moment before; nothing changes in Logto'
        : 'refuses with 403 account.suspended; nothing changes in Logto',
      async () => {
        const account = await seedRichAccount(h.emu);
        if (isWrite) {
          // The service has just seen the account active (a cached status): a write must still read it fresh.
          expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(account.token) })).statusCode).toBe(200);
        }
        const request = await ROUTES[route](account, h.t, h.emu);
        suspend(account.userId);
        const digest = h.emu.stateDigest();
        const counts = { ...h.emu.counters.byRoute };
        const outboxSize = h.emu.outbox.length;

        const res = await h.t.inject({ method, url: request.url, payload: request.payload as never, headers: bearer(account.token, request.headers) });

        if (method === 'HEAD') {
          // A HEAD answer has the problem's status and headers (Node drops the body on a real connection).
          expect(res.statusCode).toBe(403);
          expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
        } else {
          expectProblem(res, 403, 'account.suspended');
        }
        expect(h.emu.stateDigest()).toBe(digest);
        expect(writesSince(counts)).toEqual([]);
        expect(h.emu.outbox.length).toBe(outboxSize);
      },
    );
  });

  it('GET /me sees the suspension in the user it reads, even while a status is cached', async () => {
    const account = await seedRichAccount(h.emu);
    expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) })).statusCode).toBe(200);
    suspend(account.userId);
    expectProblem(await h.t.inject({ method: 'GET', url: '/me', headers: bearer(account.token) }), 403, 'account.suspended');
    // What GET /me learnt is shared with every other read at once.
    expectProblem(await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) }), 403, 'account.suspended');
  });

  it('other reads trust a cached status for at most SUSPENSION_CACHE_SECONDS', async () => {
    const account = await seedRichAccount(h.emu);
    expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) })).statusCode).toBe(200);
    suspend(account.userId);
    clock.advance((SUSPENSION_CACHE_SECONDS - 1) * 1000);
    expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) })).statusCode).toBe(200);
    clock.advance(1000);
    expectProblem(await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) }), 403, 'account.suspended');
  });

  it('after isSuspended: false the account works again: writes at once, reads once the cached status expires', async () => {
    const account = await seedRichAccount(h.emu);
    suspend(account.userId);
    expectProblem(await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) }), 403, 'account.suspended');
    suspend(account.userId, false);

    // A write reads the status fresh, and what it learns is shared with the reads.
    const renamed = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(account.token), payload: { name: 'Back Again' } });
    expect(renamed.statusCode).toBe(200);
    expect(h.emu.state.users.get(account.userId)?.name).toBe('Back Again');
    expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) })).statusCode).toBe(200);

    // Without a write, a cached suspension lasts until it expires.
    suspend(account.userId);
    expectProblem(await h.t.inject({ method: 'GET', url: '/me', headers: bearer(account.token) }), 403, 'account.suspended');
    suspend(account.userId, false);
    expectProblem(await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) }), 403, 'account.suspended');
    clock.advance(SUSPENSION_CACHE_SECONDS * 1000);
    expect((await h.t.inject({ method: 'GET', url: '/me/sessions', headers: bearer(account.token) })).statusCode).toBe(200);
  });

  it('an idempotent replay is refused too, although it calls nothing in Logto', async () => {
    const account = await seedRichAccount(h.emu);
    const request = { method: 'PATCH' as const, url: '/me', payload: { name: 'Once' }, headers: bearer(account.token, { 'idempotency-key': `"suspension-replay-${account.userId}"` }) };
    expect((await h.t.inject(request)).statusCode).toBe(200);
    suspend(account.userId);
    expectProblem(await h.t.inject(request), 403, 'account.suspended');
  });

  it('the check costs no Management API call on writes that read the user anyway', async () => {
    // Routes whose first Logto call is the read of the user: the suspension check is that read.
    const cases: Array<[string, (a: RichAccount) => Promise<RouteRequest>]> = [
      ['PATCH /me', async () => ({ method: 'PATCH', url: '/me', payload: { name: 'Counted' } })],
      ['PATCH /me/profile', async () => ({ method: 'PATCH', url: '/me/profile', payload: { nickname: 'counted' } })],
      ['DELETE /me/phone', async (a) => ({ method: 'DELETE', url: '/me/phone', headers: await stepUp(a, h.t) })],
      ['POST /me/verifications/code', async () => ({ method: 'POST', url: '/me/verifications/code', payload: { channel: 'email' } })],
      ['DELETE /me/email', async (a) => ({ method: 'DELETE', url: '/me/email', headers: await stepUp(a, h.t) })],
      ['DELETE /me', async (a) => ({ method: 'DELETE', url: '/me', headers: await stepUp(a, h.t) })],
      ['POST /me/mfa/totp/enrollment', async (a) => {
        h.emu.state.mfaVerifications.set(a.userId, []);
        return { method: 'POST', url: '/me/mfa/totp/enrollment', headers: await stepUp(a, h.t) };
      }],
    ];
    const observed: Record<string, number> = {};
    for (const [name, build] of cases) {
      const account = await seedRichAccount(h.emu);
      const request = await build(account);
      const before = h.emu.counters.managementCalls;
      const res = await h.t.inject({ method: request.method, url: request.url, payload: request.payload as never, headers: bearer(account.token, request.headers) });
      expect([name, res.statusCode < 300]).toEqual([name, true]);
      observed[name] = h.emu.counters.managementCalls - before;
    }
    // The calls each route made before the suspension check existed (counted on the commit before it).
    expect(observed).toEqual({
      'PATCH /me': 2,
      'PATCH /me/profile': 3,
      'DELETE /me/phone': 4,
      'POST /me/verifications/code': 2,
      'DELETE /me/email': 4,
      'DELETE /me': 2,
      'POST /me/mfa/totp/enrollment': 2,
    });
  });
});
