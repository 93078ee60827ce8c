import { ManualClock } from '../../src/common/clock.js';
import { expectProblem, grantStepUp, auth, startEmulatorApp, wrongCode, type RunningEmulatorApp } from '../support/test-app.js';

const VERIFY_ROUTE = 'POST /api/verification-codes/verify';

/**
 * Issue 18, item 7: at most 10 wrong codes per user and hour over every record, both channels and the
 * contact-change routes; then 429 verification.locked with Retry-After, even for the right code.
 */
describe('per-user cap on wrong verification codes', () => {
  let h: RunningEmulatorApp<ManualClock>;
  let alice: string;
  let bob: string;
  let token: string;
  let bobToken: string;
  const logtoVerifies = () => h.emu.counters.byRoute[VERIFY_ROUTE] ?? 0;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
    alice = h.emu.seedUser({ username: 'alice', primaryEmail: 'alice@example.com', primaryPhone: '15550100001' }).id;
    bob = h.emu.seedUser({ username: 'bob', primaryEmail: 'bob@example.com' }).id;
    token = await h.token(alice);
    bobToken = await h.token(bob);
  });

  afterEach(async () => {
    await h.close();
  });

  /** A pending code record for the channel, and the code Logto sent. */
  const pending = async (channel: 'email' | 'phone', tk = token, to = channel === 'email' ? 'alice@example.com' : '15550100001') => {
    const res = await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: auth(tk), payload: { channel } });
    expect(res.statusCode).toBe(201);
    return { id: (res.json() as { verificationId: string }).verificationId, code: h.emu.lastCode(to) };
  };
  const enter = (id: string, code: string | undefined, tk = token) =>
    h.t.inject({ method: 'POST', url: `/me/verifications/${id}/verify`, headers: auth(tk), payload: { code } });

  it('locks code entry after 10 wrong codes over two records and both channels, refuses even the right code, and unlocks after the hour', async () => {
    const email = await pending('email');
    const phone = await pending('phone');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expectProblem(await enter(email.id, wrongCode(email.code)), 422, 'verification.invalid_code');
      h.clock.advance(60_000);
    }
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expectProblem(await enter(phone.id, wrongCode(phone.code)), 422, 'verification.invalid_code');
    }
    const fresh = await pending('email');
    // The tenth wrong code: the record had one attempt left, the user none.
    const tenth = expectProblem(await enter(phone.id, wrongCode(phone.code)), 422, 'verification.invalid_code');
    expect(tenth.remainingAttempts).toBe(0);

    h.clock.advance(61_000);
    const callsBefore = logtoVerifies();
    const locked = await enter(fresh.id, fresh.code);
    expectProblem(locked, 429, 'verification.locked');
    // The window started with the first wrong code, 5 + 1 minutes ago.
    expect(locked.headers['retry-after']).toBe(String(3600 - 6 * 60 - 1));
    expect(logtoVerifies()).toBe(callsBefore);
    // No code is sent that could not be entered.
    const outboxBefore = h.emu.outbox.length;
    expectProblem(await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: auth(token), payload: { channel: 'phone' } }), 429, 'verification.locked');
    const newAddress = await h.t.inject({
      method: 'POST',
      url: '/me/email/verification-code',
      headers: auth(token, await grantStepUp(h.t, alice)),
      payload: { email: 'alice.other@example.com' },
    });
    expectProblem(newAddress, 429, 'verification.locked');
    expect(h.emu.outbox.length).toBe(outboxBefore);

    // Another user is not locked.
    const bobs = await pending('email', bobToken, 'bob@example.com');
    expect((await enter(bobs.id, bobs.code, bobToken)).statusCode).toBe(200);

    h.clock.advance((3600 - 6 * 60 - 1) * 1000);
    const later = await pending('email');
    expect((await enter(later.id, later.code)).statusCode).toBe(200);
  });

  it('counts wrong codes on PUT /me/email, and locks that route too', async () => {
    const stepUp = await grantStepUp(h.t, alice);
    const newEmail = async (email: string) =>
      h.t.inject({ method: 'POST', url: '/me/email/verification-code', headers: auth(token, stepUp), payload: { email } });
    expect((await newEmail('alice.new@example.com')).statusCode).toBe(202);
    const code = h.emu.lastCode('alice.new@example.com');
    const record = await pending('phone');
    const change = (value: string | undefined) =>
      h.t.inject({ method: 'PUT', url: '/me/email', headers: auth(token, stepUp), payload: { email: 'alice.new@example.com', code: value } });

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      expectProblem(await change(wrongCode(code)), 422, 'verification_code.invalid');
    }
    const callsBefore = logtoVerifies();
    const locked = await change(code);
    expectProblem(locked, 429, 'verification.locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(3500);
    expect(logtoVerifies()).toBe(callsBefore);
    expect(h.emu.state.users.get(alice)?.primaryEmail).toBe('alice@example.com');
    // The step-up code routes share the count.
    expectProblem(await enter(record.id, record.code), 429, 'verification.locked');
  });
});
