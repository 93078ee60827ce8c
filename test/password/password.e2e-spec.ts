import { ManualClock } from '../../src/common/clock.js';
import { expectProblem, auditLines, auth, expectNotLogged, managementToken, startEmulatorApp, verifyByCode, verifyByPassword, type RunningEmulatorApp } from '../support/test-app.js';

const PASSWORD = 'Correct-Horse-42';
const NEW_PASSWORD = 'Brand-New-Pw-83';
const CHECK_ROUTE = 'POST /api/sign-in-exp/default/check-password';
const SET_ROUTE = 'PATCH /api/users/:userId/password';

describe('/me/password', () => {
  let h: RunningEmulatorApp<ManualClock>;
  let alice: string;
  let token: string;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
    alice = h.emu.seedUser({ username: 'alice', primaryEmail: 'alice@example.com', password: PASSWORD }).id;
    token = await h.token(alice);
  });

  afterEach(async () => {
    await h.close();
  });

  const setPassword = (password: unknown, verificationId?: string, tk = token) =>
    h.t.inject({ method: 'PUT', url: '/me/password', headers: auth(tk, verificationId), payload: { password } });
  const passwordWorks = async (password: string, tk = token) =>
    (await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: auth(tk), payload: { password } })).statusCode === 201;

  describe('GET /me/password', () => {
    it('tells whether the account has a password', async () => {
      const res = await h.t.inject({ method: 'GET', url: '/me/password', headers: auth(token) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ hasPassword: true });
      const social = h.emu.seedUser({ identities: { github: { userId: 'gh-1' } } }).id;
      const other = await h.t.inject({ method: 'GET', url: '/me/password', headers: auth(await h.token(social)) });
      expect(other.json()).toEqual({ hasPassword: false });
    });

    it('needs only the read scope', async () => {
      const readOnly = await h.emu.mintUserToken({ sub: alice, scopes: ['account:read'], audience: 'https://account.example.test' });
      expect((await h.t.inject({ method: 'GET', url: '/me/password', headers: auth(readOnly) })).statusCode).toBe(200);
      expectProblem(await setPassword(NEW_PASSWORD, undefined, readOnly), 403, 'auth.insufficient_scope');
    });
  });

  describe('PUT /me/password', () => {
    it('changes the password with a password step-up → 204, one audit line', async () => {
      const stepUp = await verifyByPassword(h, token, PASSWORD);
      const res = await setPassword(NEW_PASSWORD, stepUp);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(await passwordWorks(NEW_PASSWORD)).toBe(true);
      expect(await passwordWorks(PASSWORD)).toBe(false);
      expect(auditLines(h.t, 'password.changed')).toEqual([expect.objectContaining({ userId: alice, requestId: res.headers['x-request-id'] })]);
      expectNotLogged(h.t, [PASSWORD, NEW_PASSWORD, stepUp]);
    });

    it('lets a user without a password set one after an email code', async () => {
      const user = h.emu.seedUser({ primaryEmail: 'nopass@example.com' }).id;
      const userToken = await h.token(user);
      const stepUp = await verifyByCode(h, userToken, 'email', 'nopass@example.com');
      expect((await setPassword(NEW_PASSWORD, stepUp, userToken)).statusCode).toBe(204);
      expect((await h.t.inject({ method: 'GET', url: '/me/password', headers: auth(userToken) })).json()).toEqual({ hasPassword: true });
      expect(await passwordWorks(NEW_PASSWORD, userToken)).toBe(true);
    });

    it('answers 403 verification.required with the usable methods and changes nothing', async () => {
      const before = h.emu.stateDigest();
      const res = await setPassword(NEW_PASSWORD);
      expectProblem(res, 403, 'verification.required');
      expect(res.json().methods).toEqual(['password', 'email']);
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('enforces the sign-in experience policy first: 422 password.rejected with each violated rule, even before step-up', async () => {
      const before = h.emu.stateDigest();
      const res = await setPassword('abc');
      const body = expectProblem(res, 422, 'password.rejected');
      expect(body.issues).toEqual([
        { code: 'password_rejected.too_short', interpolation: { min: 8 } },
        { code: 'password_rejected.restricted.sequence' },
      ]);
      expect(h.emu.stateDigest()).toBe(before);
      expect(h.emu.counters.byRoute[SET_ROUTE]).toBeUndefined();
    });

    it('follows a stricter policy set in Logto, including rules about the user (with a verified step-up too)', async () => {
      const policy = await fetch(`${h.emu.endpoint}/api/sign-in-exp`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await managementToken(h.emu)}` },
        body: JSON.stringify({ passwordPolicy: { length: { min: 12 }, characterTypes: { min: 3 } } }),
      });
      expect(policy.status).toBe(200);
      const stepUp = await verifyByPassword(h, token, PASSWORD);

      const short = await setPassword('Short-Pw-7', stepUp);
      expect(expectProblem(short, 422, 'password.rejected').issues).toEqual([{ code: 'password_rejected.too_short', interpolation: { min: 12 } }]);
      const userInfo = await setPassword('Alice-Lovelace-1815', stepUp);
      expect(expectProblem(userInfo, 422, 'password.rejected').issues).toEqual([{ code: 'password_rejected.restricted.user_info' }]);
      expect(await passwordWorks(PASSWORD)).toBe(true);
      expect((await setPassword('Long-Enough-Pw-2025', stepUp)).statusCode).toBe(204);
    });

    it.each([
      ['missing', undefined],
      ['not a string', 12345678],
      ['empty', ''],
      ['longer than 256 characters', 'Aa1-'.repeat(65)],
    ])('rejects a password that is %s with 400 before Logto is called', async (_label, password) => {
      const stepUp = await verifyByPassword(h, token, PASSWORD);
      const before = h.emu.stateDigest();
      expectProblem(await setPassword(password, stepUp), 400, 'request.validation_failed');
      expect(h.emu.counters.byRoute[CHECK_ROUTE]).toBeUndefined();
      expect(h.emu.stateDigest()).toBe(before);
    });
  });
});
