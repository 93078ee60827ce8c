/**
 * Claims a genuine Logto signature does not make acceptable (issue 18, item 13): `iat` in the future, a lifetime
 * longer than JWT_MAX_AGE_SECONDS, and a `client_id` outside ALLOWED_CLIENT_IDS. Time is the app's ManualClock
 * (the emulator signs on the same clock), so "in the future" and "too long" are exact.
 */
import { ManualClock } from '../../src/common/clock.js';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, READ_WRITE_SCOPES, TEST_AUDIENCE, useEmulatorApp } from '../support/test-app.js';

const DAY = 86_400;

/** A token Logto really signed, with these claims over the defaults (undefined removes a claim). */
function mint(emu: LogtoEmulator, sub: string, claims: Record<string, unknown>, clientId = 'spa-app'): Promise<string> {
  return emu.mintUserToken({ sub, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE, clientId, claims });
}

describe('token claims beyond the signature', () => {
  const clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  const h = useEmulatorApp({
    clock,
    emulatorOptions: { now: () => clock.now() },
    env: { ALLOWED_CLIENT_IDS: 'spa-app,mobile-app', JWT_CLOCK_TOLERANCE_SECONDS: '5' },
  });
  let userId: string;
  const now = () => Math.floor(clock.now() / 1000);

  beforeAll(() => {
    userId = h.emu.seedUser({ username: 'claims_user' }).id;
  });

  /** Every refused token: the status and code, and not one call to the Management API. */
  async function expectRefused(token: string, status: number, code: string): Promise<void> {
    const calls = h.emu.counters.managementCalls;
    for (const [method, url] of [['GET', '/me'], ['PATCH', '/me']] as const) {
      const res = await h.t.inject({ method, url, headers: bearer(token), ...(method === 'PATCH' ? { payload: { name: 'Mallory' } } : {}) });
      expectProblem(res, status, code);
    }
    expect(h.emu.counters.managementCalls).toBe(calls);
  }

  const getMe = (token: string) => h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });

  it('refuses a token issued ten minutes in the future, and accepts it once the clock gets there', async () => {
    const token = await mint(h.emu, userId, { iat: now() + 600, exp: now() + 3600 });
    await expectRefused(token, 401, 'auth.token_invalid');
    clock.advance(600_000);
    expect((await getMe(token)).statusCode).toBe(200);
  });

  it('accepts an iat ahead of the clock by less than the tolerance (clock skew between Logto and us)', async () => {
    const token = await mint(h.emu, userId, { iat: now() + 4, exp: now() + 3600 });
    expect((await getMe(token)).statusCode).toBe(200);
  });

  it('refuses a lifetime (exp - iat) longer than JWT_MAX_AGE_SECONDS, and accepts exactly that long', async () => {
    await expectRefused(await mint(h.emu, userId, { iat: now(), exp: now() + DAY + 1 }), 401, 'auth.token_invalid');
    // Issued long ago and far from expiry: the lifetime counts, not what is left of it.
    await expectRefused(await mint(h.emu, userId, { iat: now() - 300 * DAY, exp: now() + 3600 }), 401, 'auth.token_invalid');
    await expectRefused(await mint(h.emu, userId, { iat: now(), exp: now() + 10 * 365 * DAY }), 401, 'auth.token_invalid');
    expect((await getMe(await mint(h.emu, userId, { iat: now(), exp: now() + DAY }))).statusCode).toBe(200);
  });

  it('without iat, counts the lifetime from now', async () => {
    await expectRefused(await mint(h.emu, userId, { iat: undefined, exp: now() + 2 * DAY }), 401, 'auth.token_invalid');
    expect((await getMe(await mint(h.emu, userId, { iat: undefined, exp: now() + 3600 }))).statusCode).toBe(200);
  });

  it('refuses a token of an app outside ALLOWED_CLIENT_IDS with 403 auth.client_not_allowed', async () => {
    await expectRefused(await mint(h.emu, userId, {}, 'intruder-app'), 403, 'auth.client_not_allowed');
    await expectRefused(await mint(h.emu, userId, { client_id: undefined }), 403, 'auth.client_not_allowed');
    await expectRefused(await mint(h.emu, userId, { client_id: ['spa-app'] }), 403, 'auth.client_not_allowed');
    for (const clientId of ['spa-app', 'mobile-app']) {
      expect((await getMe(await mint(h.emu, userId, {}, clientId))).statusCode).toBe(200);
    }
  });

  it('refuses a token of a disallowed app every time, also once a token was verified and cached', async () => {
    const token = await mint(h.emu, userId, {}, 'intruder-app');
    await expectRefused(token, 403, 'auth.client_not_allowed');
    await expectRefused(token, 403, 'auth.client_not_allowed');
  });
});

describe('token claims with ALLOWED_CLIENT_IDS empty', () => {
  const h = useEmulatorApp();

  it('accepts a token of any app of the tenant', async () => {
    const userId = h.emu.seedUser({ username: 'any_app_user' }).id;
    const token = await mint(h.emu, userId, {}, 'whatever-app');
    expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
  });
});
