import { ManualClock } from '../../src/common/clock.js';
import { expectProblem, auth, expectNotLogged, startEmulatorApp, verifyByCode, verifyByPassword, wrongCode, type RunningEmulatorApp } from '../support/test-app.js';

const PASSWORD = 'Correct-Horse-42';
const PASSWORD_VERIFY_ROUTE = 'POST /api/users/:userId/password/verify';

describe('step-up verification records', () => {
  let h: RunningEmulatorApp<ManualClock>;
  let alice: string;
  let bob: string;
  let aliceToken: string;
  let bobToken: string;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
    alice = h.emu.seedUser({ username: 'alice', primaryEmail: 'alice@example.com', primaryPhone: '15550100001', password: PASSWORD }).id;
    bob = h.emu.seedUser({ username: 'bob', primaryEmail: 'bob@example.com', password: 'Bob-Secret-77' }).id;
    aliceToken = await h.token(alice);
    bobToken = await h.token(bob);
  });

  afterEach(async () => {
    await h.close();
  });

  const passwordAttempt = (password: string, token = aliceToken) =>
    h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: auth(token), payload: { password } });
  const sendCode = (channel: string, token = aliceToken) =>
    h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: auth(token), payload: { channel } });
  const verify = (id: string, code: string | undefined, token = aliceToken) =>
    h.t.inject({ method: 'POST', url: `/me/verifications/${id}/verify`, headers: auth(token), payload: { code } });
  /** PUT /me/password is a step-up route this domain owns; a strong new password passes the policy. */
  const sensitive = (id: string | undefined, token = aliceToken) =>
    h.t.inject({ method: 'PUT', url: '/me/password', headers: auth(token, id), payload: { password: 'Another-Strong-93' } });

  describe('POST /me/verifications/password', () => {
    it('returns a verified record with an unguessable id that expires after STEP_UP_MAX_AGE_SECONDS', async () => {
      const res = await passwordAttempt(PASSWORD);
      expect(res.statusCode).toBe(201);
      const body = res.json() as Record<string, string>;
      expect(body).toEqual({
        verificationId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        method: 'password',
        status: 'verified',
        expiresAt: new Date(h.clock.now() + 600_000).toISOString(),
      });
      expect((await passwordAttempt(PASSWORD)).json().verificationId).not.toBe(body.verificationId);
    });

    it('answers 422 verification.invalid_password for a wrong password and changes nothing', async () => {
      const before = h.emu.stateDigest();
      const res = await passwordAttempt('not-the-password');
      expectProblem(res, 422, 'verification.invalid_password');
      expect(res.json().remainingAttempts).toBe(4);
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('locks after 5 failures in 15 minutes, refuses even the right password with Retry-After, and unlocks when the window passes', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expectProblem(await passwordAttempt(`wrong-${attempt}`), 422, 'verification.invalid_password');
        h.clock.advance(60_000);
      }
      // The window started with the first failure, 5 minutes ago.
      const callsBefore = h.emu.counters.byRoute[PASSWORD_VERIFY_ROUTE];
      const locked = await passwordAttempt(PASSWORD);
      expectProblem(locked, 429, 'verification.locked');
      expect(locked.headers['retry-after']).toBe(String(10 * 60));
      // While locked, Logto is not even asked.
      expect(h.emu.counters.byRoute[PASSWORD_VERIFY_ROUTE]).toBe(callsBefore);

      h.clock.advance(9 * 60_000);
      expect((await passwordAttempt(PASSWORD)).headers['retry-after']).toBe('60');

      h.clock.advance(60_000);
      expect((await passwordAttempt(PASSWORD)).statusCode).toBe(201);
    });

    it('counts failures per user: another user is not locked', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1) await passwordAttempt(`wrong-${attempt}`);
      expectProblem(await passwordAttempt(PASSWORD), 429, 'verification.locked');
      expect((await passwordAttempt('Bob-Secret-77', bobToken)).statusCode).toBe(201);
    });

    it('does not let parallel guesses slip past the lock', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => passwordAttempt(`parallel-${i}`)));
      const statuses = results.map((res) => res.statusCode);
      expect(statuses.filter((status) => status === 422)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    });

    it('answers 422 for a user without a password', async () => {
      const noPassword = h.emu.seedUser({ primaryEmail: 'nopass@example.com' }).id;
      expectProblem(await passwordAttempt('anything', await h.token(noPassword)), 422, 'verification.invalid_password');
    });

    it.each([
      ['missing', {}],
      ['not a string', { password: 42 }],
      ['empty', { password: '' }],
      ['longer than 256 characters', { password: 'x'.repeat(257) }],
    ])('rejects a password that is %s with 400 before calling Logto', async (_label, payload) => {
      const res = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: auth(aliceToken), payload });
      expectProblem(res, 400, 'request.validation_failed');
      expect(h.emu.counters.byRoute[PASSWORD_VERIFY_ROUTE]).toBeUndefined();
    });
  });

  describe('POST /me/verifications/code and /verify', () => {
    it.each([
      ['email', 'alice@example.com'],
      ['phone', '15550100001'],
    ] as const)('sends a code to the current %s, then verifies it', async (channel, to) => {
      const sent = await sendCode(channel);
      expect(sent.statusCode).toBe(201);
      const record = sent.json() as Record<string, string>;
      expect(record).toEqual({
        verificationId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        method: channel,
        status: 'pending',
        expiresAt: new Date(h.clock.now() + 600_000).toISOString(),
      });
      const code = h.emu.lastCode(to);
      expect(code).toMatch(/^\d{6}$/);

      // A pending record does not unlock anything.
      expectProblem(await sensitive(record.verificationId), 403, 'verification.required');

      h.clock.advance(120_000);
      const verified = await verify(record.verificationId, code);
      expect(verified.statusCode).toBe(200);
      // The step-up window starts when the code is verified.
      expect(verified.json()).toEqual({ ...record, status: 'verified', expiresAt: new Date(h.clock.now() + 600_000).toISOString() });
      // Verifying again (a retry after a lost response) gives the same record.
      expect((await verify(record.verificationId, code)).json()).toEqual(verified.json());
      expect((await sensitive(record.verificationId)).statusCode).toBe(204);
    });

    it('answers 422 verification.invalid_code for a wrong code; the right one still works', async () => {
      const { verificationId } = (await sendCode('email')).json() as { verificationId: string };
      const code = h.emu.lastCode('alice@example.com');
      const res = await verify(verificationId, wrongCode(code));
      expectProblem(res, 422, 'verification.invalid_code');
      expect(res.json().remainingAttempts).toBe(4);
      expect((await verify(verificationId, code)).json().status).toBe('verified');
    });

    it('burns the record after 5 wrong codes: even the right code then gets 410 verification.expired', async () => {
      const { verificationId } = (await sendCode('email')).json() as { verificationId: string };
      const code = h.emu.lastCode('alice@example.com');
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expectProblem(await verify(verificationId, wrongCode(code)), 422, 'verification.invalid_code');
      }
      expectProblem(await verify(verificationId, code), 410, 'verification.expired');
      expectProblem(await sensitive(verificationId), 403, 'verification.required');
    });

    it('answers 410 for an unknown id, an expired record and another user’s record (which stays usable by its owner)', async () => {
      expectProblem(await verify('A'.repeat(43), '123456'), 410, 'verification.expired');
      expectProblem(await verify('short', '123456'), 410, 'verification.expired');

      const { verificationId } = (await sendCode('email')).json() as { verificationId: string };
      const code = h.emu.lastCode('alice@example.com');
      expectProblem(await verify(verificationId, code, bobToken), 410, 'verification.expired');
      expect((await verify(verificationId, code)).statusCode).toBe(200);

      const second = (await sendCode('phone')).json() as { verificationId: string };
      h.clock.advance(600_000);
      expectProblem(await verify(second.verificationId, h.emu.lastCode('15550100001')), 410, 'verification.expired');
    });

    it('answers 409 verification.channel_unavailable when the account has no such identifier, sending nothing', async () => {
      const outbox = h.emu.outbox.length;
      const res = await sendCode('phone', bobToken);
      expectProblem(res, 409, 'verification.channel_unavailable');
      expect(res.json().methods).toEqual(['password', 'email']);
      expect(h.emu.outbox).toHaveLength(outbox);
    });

    it.each([[{}], [{ channel: 'sms' }], [{ channel: 'email', extra: 1 }]])('rejects %j with 400', async (payload) => {
      const res = await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: auth(aliceToken), payload });
      expectProblem(res, 400, 'request.validation_failed');
      expect(h.emu.outbox).toHaveLength(0);
    });

    it('rejects a missing code with 400', async () => {
      const { verificationId } = (await sendCode('email')).json() as { verificationId: string };
      expectProblem(await verify(verificationId, undefined), 400, 'request.validation_failed');
    });
  });

  describe('using a record (Verification-Id on a sensitive route)', () => {
    it('is reusable by its owner within its lifetime, until a credential change revokes it', async () => {
      const id = await verifyByPassword(h, aliceToken, PASSWORD);
      // Username changes are step-up routes that change no credential.
      const rename = (username: string) => h.t.inject({ method: 'PATCH', url: '/me', headers: auth(aliceToken, id), payload: { username } });
      expect((await rename('alice_two')).statusCode).toBe(200);
      h.clock.advance(599_000);
      expect((await rename('alice_three')).statusCode).toBe(200);
      expect((await sensitive(id)).statusCode).toBe(204);
      expectProblem(await rename('alice_four'), 403, 'verification.required');
    });

    it('is refused once expired', async () => {
      const id = await verifyByPassword(h, aliceToken, PASSWORD);
      h.clock.advance(600_000);
      const res = await sensitive(id);
      expectProblem(res, 403, 'verification.required');
      expect(res.json().methods).toEqual(['password', 'email', 'phone']);
    });

    it('is refused for another user, exactly like a missing one', async () => {
      const bobsRecord = await verifyByPassword(h, bobToken, 'Bob-Secret-77');
      const before = h.emu.stateDigest();
      const foreign = await sensitive(bobsRecord);
      const missing = await sensitive(undefined);
      expectProblem(foreign, 403, 'verification.required');
      expectProblem(missing, 403, 'verification.required');
      expect({ ...foreign.json(), requestId: 0 }).toEqual({ ...missing.json(), requestId: 0 });
      expect(h.emu.stateDigest()).toBe(before);
    });

    it.each([
      ['password, email and phone', { username: 'u1', primaryEmail: 'u1@example.com', primaryPhone: '15550100011', password: 'Pw-for-u1-X9' }, ['password', 'email', 'phone']],
      ['password only', { username: 'u2', password: 'Pw-for-u2-X9' }, ['password']],
      ['email only (no password)', { primaryEmail: 'u3@example.com' }, ['email']],
      ['phone and password', { username: 'u4', primaryPhone: '15550100014', password: 'Pw-for-u4-X9' }, ['password', 'phone']],
      ['no password, email or phone (social only)', { identities: { github: { userId: 'gh-5' } } }, []],
    ])('lists the methods a user with %s can use in the 403 body', async (_label, input, methods) => {
      const user = h.emu.seedUser(input);
      const res = await sensitive(undefined, await h.token(user.id));
      expectProblem(res, 403, 'verification.required');
      expect(res.json().methods).toEqual(methods);
    });
  });

  it('never logs passwords, codes or verification ids', async () => {
    await passwordAttempt('Wrong-Password-Logged?');
    const passwordRecord = await verifyByPassword(h, aliceToken, PASSWORD);
    const codeRecord = await verifyByCode(h, aliceToken, 'email', 'alice@example.com');
    await verify(codeRecord, '987654');
    await sensitive(passwordRecord);
    expectNotLogged(h.t, [PASSWORD, 'Wrong-Password-Logged?', 'Another-Strong-93', passwordRecord, codeRecord, h.emu.lastCode('alice@example.com')]);
  });
});
