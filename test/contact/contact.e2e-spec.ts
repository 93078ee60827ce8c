import { ManualClock } from '../../src/common/clock.js';
import { expectProblem, auditLines, grantStepUp, auth, expectNotLogged, startEmulatorApp, verifyByCode, verifyByPassword, wrongCode, type RunningEmulatorApp } from '../support/test-app.js';

const PASSWORD = 'Correct-Horse-42';

/** Email and phone behave the same; only the address format differs. */
const CHANNELS = [
  {
    channel: 'email' as const,
    field: 'primaryEmail' as const,
    current: 'alice@example.com',
    /** What the client sends, and how Logto stores it (where the emulator delivers the code). */
    input: 'alice.new@example.com',
    stored: 'alice.new@example.com',
    takenInput: 'BOB@example.com',
    neverSent: 'carol@example.com',
    invalid: ['not-an-email', 'a@b', 'two words@example.com'],
    inUse: 'email.already_in_use',
    bad: 'email.invalid',
  },
  {
    channel: 'phone' as const,
    field: 'primaryPhone' as const,
    current: '15550100001',
    input: '+1 (555) 010-9999',
    stored: '15550109999',
    takenInput: '+15550100002',
    neverSent: '+15550100003',
    invalid: ['12345', '+0123456789', 'phone', '+1555010000112345'],
    inUse: 'phone.already_in_use',
    bad: 'phone.invalid',
  },
];

describe.each(CHANNELS)('/me/$channel', (c) => {
  let h: RunningEmulatorApp<ManualClock>;
  let alice: string;
  let token: string;
  const key = c.channel;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
    alice = h.emu.seedUser({ username: 'alice', primaryEmail: 'alice@example.com', primaryPhone: '15550100001', password: PASSWORD }).id;
    h.emu.seedUser({ username: 'bob', primaryEmail: 'bob@example.com', primaryPhone: '15550100002' });
    token = await h.token(alice);
  });

  afterEach(async () => {
    await h.close();
  });

  /** Sending a code to a new address needs a step-up of its own (issue 18, item 6). */
  const sendCode = async (value: string) =>
    h.t.inject({ method: 'POST', url: `/me/${key}/verification-code`, headers: auth(token, await grantStepUp(h.t, alice)), payload: { [key]: value } });
  const change = (value: string, code: string | undefined, verificationId?: string, tk = token) =>
    h.t.inject({ method: 'PUT', url: `/me/${key}`, headers: auth(tk, verificationId), payload: { [key]: value, code } });
  const remove = (verificationId?: string, tk = token) => h.t.inject({ method: 'DELETE', url: `/me/${key}`, headers: auth(tk, verificationId) });

  it('changes the address end to end: code to the new address, step-up, PUT → 200 the account, one audit line', async () => {
    const sent = await sendCode(c.input);
    expect(sent.statusCode).toBe(202);
    expect(sent.body).toBe('');
    const code = h.emu.lastCode(c.stored);
    expect(code).toMatch(/^\d{6}$/);

    const stepUp = await verifyByPassword(h, token, PASSWORD);
    const res = await change(c.input, code, stepUp);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: alice, [c.field]: c.stored, username: 'alice', hasPassword: true });
    expect(h.emu.state.users.get(alice)?.[c.field]).toBe(c.stored);
    expect(auditLines(h.t, `${key}.changed`)).toEqual([expect.objectContaining({ userId: alice, requestId: res.headers['x-request-id'] })]);
    expectNotLogged(h.t, [code, stepUp, PASSWORD]);
  });

  it('works with a step-up by code to the current address', async () => {
    await sendCode(c.input);
    const code = h.emu.lastCode(c.stored);
    // The step-up code goes to the other channel: the new-address code was just sent on this one (1 per 60 s).
    const other = key === 'email' ? { channel: 'phone' as const, to: '15550100001' } : { channel: 'email' as const, to: 'alice@example.com' };
    const stepUp = await verifyByCode(h, token, other.channel, other.to);
    expect((await change(c.input, code, stepUp)).statusCode).toBe(200);
  });

  it('asks for step-up (403) before spending the code, which then still works', async () => {
    await sendCode(c.input);
    const code = h.emu.lastCode(c.stored);
    const before = h.emu.stateDigest();
    const res = await change(c.input, code);
    expectProblem(res, 403, 'verification.required');
    expect(res.json().methods).toEqual(['password', 'email', 'phone']);
    expect(h.emu.stateDigest()).toBe(before);
    expect((await change(c.input, code, await verifyByPassword(h, token, PASSWORD))).statusCode).toBe(200);
  });

  it('answers 422 verification_code.invalid for a wrong code and changes nothing', async () => {
    await sendCode(c.input);
    const code = h.emu.lastCode(c.stored);
    const stepUp = await verifyByPassword(h, token, PASSWORD);
    expectProblem(await change(c.input, wrongCode(code), stepUp), 422, 'verification_code.invalid');
    expect(h.emu.state.users.get(alice)?.[c.field]).toBe(c.current);
    expectProblem(await change(c.input, undefined, stepUp), 400, 'request.validation_failed');
    // A code for an address nothing was sent to (Logto: verification_code.not_found) is just as invalid.
    expectProblem(await change(c.neverSent, '123456', stepUp), 422, 'verification_code.invalid');
    expect(h.emu.state.users.get(alice)?.[c.field]).toBe(c.current);
  });

  it(`answers 409 ${c.inUse} before sending a code to an address another account uses`, async () => {
    const before = h.emu.stateDigest();
    const res = await sendCode(c.takenInput);
    expectProblem(res, 409, c.inUse);
    expect(h.emu.outbox).toHaveLength(0);
    expect(h.emu.stateDigest()).toBe(before);
    // The in-use answer counts as a send: it tells something about another account, so no more often than codes go out.
    expectProblem(await sendCode(c.input), 429, 'verification_code.rate_limited');
    h.clock.advance(60_000);
    expect((await sendCode(c.input)).statusCode).toBe(202);
  });

  it(`answers 409 ${c.inUse} on PUT when the address was taken after the code was sent`, async () => {
    await sendCode(c.input);
    const code = h.emu.lastCode(c.stored);
    h.emu.seedUser({ username: 'mallory', [c.field]: c.stored });
    const stepUp = await verifyByPassword(h, token, PASSWORD);
    expectProblem(await change(c.input, code, stepUp), 409, c.inUse);
    // The code is checked (and consumed in Logto) before the in-use answer, which is only given for an address
    // the caller received a code at; the account itself is unchanged.
    expect(h.emu.state.users.get(alice)?.[c.field]).toBe(c.current);
  });

  it(`maps Logto's 422 (taken between our check and the write) to 409 ${c.inUse}`, async () => {
    await sendCode(c.input);
    const code = h.emu.lastCode(c.stored);
    const stepUp = await verifyByPassword(h, token, PASSWORD);
    const logtoCode = key === 'email' ? 'user.email_already_in_use' : 'user.phone_already_in_use';
    h.emu.setFault({ match: `/api/users/${alice}`, methods: ['PATCH'], status: 422, body: { code: logtoCode, message: 'taken' }, times: 1 });
    expectProblem(await change(c.input, code, stepUp), 409, c.inUse);
  });

  it('allows re-sending a code to the address the account already has', async () => {
    expect((await sendCode(key === 'email' ? 'ALICE@example.com' : '+15550100001')).statusCode).toBe(202);
  });

  it.each(c.invalid)(`answers 400 ${c.bad} for %p, sending nothing`, async (value) => {
    expectProblem(await sendCode(value), 400, c.bad);
    expectProblem(await change(value, '123456', await verifyByPassword(h, token, PASSWORD)), 400, c.bad);
    expect(h.emu.outbox).toHaveLength(0);
  });

  it('rejects a body without the address, or with unknown fields, with 400', async () => {
    expectProblem(await h.t.inject({ method: 'POST', url: `/me/${key}/verification-code`, headers: auth(token), payload: {} }), 400, 'request.validation_failed');
    expectProblem(
      await h.t.inject({ method: 'POST', url: `/me/${key}/verification-code`, headers: auth(token), payload: { [key]: c.input, userId: 'someone' } }),
      400,
      'request.validation_failed',
    );
  });

  describe('half-applied change (code accepted by Logto, address not set)', () => {
    it('reports the failure and succeeds when the same request is retried, although Logto consumed the code', async () => {
      await sendCode(c.input);
      const code = h.emu.lastCode(c.stored);
      const stepUp = await verifyByPassword(h, token, PASSWORD);
      h.emu.setFault({ match: `/api/users/${alice}`, methods: ['PATCH'], status: 500, times: 1 });
      const failed = await change(c.input, code, stepUp);
      // Logto's 500 is answered as a bad gateway, never as the service's own 500.
      expectProblem(failed, 502, 'upstream.unavailable');
      expect(h.emu.state.users.get(alice)?.[c.field]).toBe(c.current);

      const retried = await change(c.input, code, stepUp);
      expect(retried.statusCode).toBe(200);
      expect(retried.json()[c.field]).toBe(c.stored);
      // Logto was asked to verify the code once: the retry used the proof kept after the first verification.
      expect(h.emu.counters.byRoute['POST /api/verification-codes/verify']).toBe(1);
      expect(auditLines(h.t, `${key}.changed`)).toHaveLength(1);
    });

    it('does not accept a different code on the retry, nor the proof for another address', async () => {
      await sendCode(c.input);
      const code = h.emu.lastCode(c.stored)!;
      const stepUp = await verifyByPassword(h, token, PASSWORD);
      h.emu.setFault({ match: `/api/users/${alice}`, methods: ['PATCH'], status: 500, times: 1 });
      await change(c.input, code, stepUp);
      expectProblem(await change(c.input, wrongCode(code), stepUp), 422, 'verification_code.invalid');
      const other = key === 'email' ? 'alice.other@example.com' : '+15550108888';
      expectProblem(await change(other, code, stepUp), 422, 'verification_code.invalid');
      expect(h.emu.state.users.get(alice)?.[c.field]).toBe(c.current);
    });
  });

  describe(`DELETE /me/${key}`, () => {
    it('removes the address with step-up → 204 and one audit line', async () => {
      expectProblem(await remove(), 403, 'verification.required');
      const res = await remove(await verifyByPassword(h, token, PASSWORD));
      expect(res.statusCode).toBe(204);
      expect(h.emu.state.users.get(alice)?.[c.field]).toBeNull();
      expect(auditLines(h.t, `${key}.removed`)).toEqual([expect.objectContaining({ userId: alice })]);
    });

    it('answers 409 account.last_sign_in_method before asking for step-up, changing nothing', async () => {
      const only = h.emu.seedUser({ [c.field]: key === 'email' ? 'only@example.com' : '15550107777' }).id;
      const onlyToken = await h.token(only);
      const before = h.emu.stateDigest();
      expectProblem(await remove(undefined, onlyToken), 409, 'account.last_sign_in_method');
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('counts a password as a way in only with an identifier to type', async () => {
      // Password + this address only: removing it would leave a password nobody can use.
      const user = h.emu.seedUser({ [c.field]: key === 'email' ? 'pw@example.com' : '15550106666', password: PASSWORD }).id;
      const userToken = await h.token(user);
      const stepUp = await verifyByPassword(h, userToken, PASSWORD);
      const before = h.emu.stateDigest();
      expectProblem(await remove(stepUp, userToken), 409, 'account.last_sign_in_method');
      expect(h.emu.stateDigest()).toBe(before);
      expect(h.emu.state.users.get(user)?.[c.field]).toBe(key === 'email' ? 'pw@example.com' : '15550106666');
      // With a username the password remains usable.
      const named = h.emu.seedUser({ username: 'named', [c.field]: key === 'email' ? 'named@example.com' : '15550105555', password: PASSWORD }).id;
      const namedToken = await h.token(named);
      expect((await remove(await verifyByPassword(h, namedToken, PASSWORD), namedToken)).statusCode).toBe(204);
      const after = h.emu.state.users.get(named);
      expect(after?.[c.field]).toBeNull();
      expect(after?.username).toBe('named');
      expect((await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: auth(namedToken), payload: { password: PASSWORD } })).statusCode).toBe(201);
    });

    it('removes the address when a social identity remains as a way in', async () => {
      const social = h.emu.seedUser({ [c.field]: key === 'email' ? 'social@example.com' : '15550104444', identities: { github: { userId: 'gh-1' } } }).id;
      const socialToken = await h.token(social);
      const stepUp = await verifyByCode(h, socialToken, key, key === 'email' ? 'social@example.com' : '15550104444');
      expect((await remove(stepUp, socialToken)).statusCode).toBe(204);
      const after = h.emu.state.users.get(social);
      expect(after?.[c.field]).toBeNull();
      expect(Object.keys(after?.identities ?? {})).toEqual(['github']);
    });

    it('is idempotent: nothing to remove → 204 without step-up', async () => {
      const none = h.emu.seedUser({ username: 'none', password: PASSWORD, ...(key === 'email' ? { primaryPhone: '15550103333' } : { primaryEmail: 'none@example.com' }) }).id;
      const before = h.emu.stateDigest();
      expect((await remove(undefined, await h.token(none))).statusCode).toBe(204);
      expect(h.emu.stateDigest()).toBe(before);
    });
  });
});

describe('removing email and phone at the same time', () => {
  it('never leaves the account without a way to sign in', async () => {
    const h = await startEmulatorApp({ clock: new ManualClock() });
    try {
      const user = h.emu.seedUser({ primaryEmail: 'both@example.com', primaryPhone: '15550102222' }).id;
      const token = await h.token(user);
      const stepUp = await verifyByCode(h, token, 'email', 'both@example.com');
      const [email, phone] = await Promise.all([
        h.t.inject({ method: 'DELETE', url: '/me/email', headers: auth(token, stepUp) }),
        h.t.inject({ method: 'DELETE', url: '/me/phone', headers: auth(token, stepUp) }),
      ]);
      expect([email.statusCode, phone.statusCode].sort()).toEqual([204, 409]);
      const stored = h.emu.state.users.get(user);
      expect(stored?.primaryEmail !== null || stored?.primaryPhone !== null).toBe(true);
    } finally {
      await h.close();
    }
  });
});
