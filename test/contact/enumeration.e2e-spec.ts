import { ManualClock } from '../../src/common/clock.js';
import { expectProblem, grantStepUp, auth, startEmulatorApp, type RunningEmulatorApp } from '../support/test-app.js';

/**
 * Issue 18, item 6: whether another account holds an address is told only behind a verified step-up and within
 * the send limits. Without step-up a registered address and a free one get the same 403, whatever its spelling.
 */
const CHANNELS = [
  { key: 'email', taken: ['bob@example.com', 'BOB@Example.COM', ' Bob@EXAMPLE.com '], free: 'nobody@example.com', inUse: 'email.already_in_use' },
  { key: 'phone', taken: ['+15550100002', '+1 (555) 010-0002', '1-555-010-0002'], free: '+15550109999', inUse: 'phone.already_in_use' },
] as const;

describe.each(CHANNELS)('/me/$key and the in-use answer', (c) => {
  let h: RunningEmulatorApp<ManualClock>;
  let alice: string;
  let token: string;
  let sendsToLogto: () => number;
  let lookups: () => number;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
    alice = h.emu.seedUser({ username: 'alice', primaryEmail: 'alice@example.com', primaryPhone: '15550100001', password: 'Correct-Horse-42' }).id;
    h.emu.seedUser({ username: 'bob', primaryEmail: 'bob@example.com', primaryPhone: '15550100002' });
    token = await h.token(alice);
    sendsToLogto = () => h.emu.counters.byRoute['POST /api/verification-codes'] ?? 0;
    lookups = () => h.emu.counters.byRoute['GET /api/users'] ?? 0;
  });

  afterEach(async () => {
    await h.close();
  });

  const sendCode = (value: string, verificationId?: string) =>
    h.t.inject({ method: 'POST', url: `/me/${c.key}/verification-code`, headers: auth(token, verificationId), payload: { [c.key]: value } });
  const change = (value: string, verificationId?: string) =>
    h.t.inject({ method: 'PUT', url: `/me/${c.key}`, headers: auth(token, verificationId), payload: { [c.key]: value, code: '123456' } });

  it('PUT without Verification-Id answers 403 for a registered address in any spelling, exactly as for a free one, without looking it up', async () => {
    const before = h.emu.stateDigest();
    for (const value of [...c.taken, c.free]) {
      const res = expectProblem(await change(value), 403, 'verification.required');
      expect(res.methods).toEqual(['password', 'email', 'phone']);
    }
    expect(lookups()).toBe(0);
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('PUT with a verified step-up but without a valid code for the address does not tell whether it is taken', async () => {
    const stepUp = await grantStepUp(h.t, alice);
    for (const value of [...c.taken, c.free]) expectProblem(await change(value, stepUp), 422, 'verification_code.invalid');
  });

  it('POST verification-code without Verification-Id answers 403 for a registered address in any spelling, as for a free one, and sends nothing', async () => {
    for (const value of [...c.taken, c.free]) expectProblem(await sendCode(value), 403, 'verification.required');
    expect(lookups()).toBe(0);
    expect(sendsToLogto()).toBe(0);
    expect(h.emu.outbox).toHaveLength(0);
  });

  it('POST verification-code answers the send limit (429) before the in-use check', async () => {
    const stepUp = await grantStepUp(h.t, alice);
    expect((await sendCode(c.free, stepUp)).statusCode).toBe(202);
    h.clock.advance(10_000);
    const lookupsBefore = lookups();
    for (const value of c.taken) expectProblem(await sendCode(value, stepUp), 429, 'verification_code.rate_limited');
    expect(lookups()).toBe(lookupsBefore);
  });

  it('with a verified step-up and within the limit the in-use answer stays (409), and each one counts as a send', async () => {
    const stepUp = await grantStepUp(h.t, alice);
    for (const value of c.taken) {
      expectProblem(await sendCode(value, stepUp), 409, c.inUse);
      h.clock.advance(61_000);
    }
    expect(sendsToLogto()).toBe(0);
    expect(lookups()).toBe(c.taken.length);
    // Three in-use answers and two sends use up the five an hour.
    expect((await sendCode(c.free, stepUp)).statusCode).toBe(202);
    h.clock.advance(61_000);
    expectProblem(await sendCode(c.taken[0], stepUp), 409, c.inUse);
    h.clock.advance(61_000);
    expectProblem(await sendCode(c.taken[1], stepUp), 429, 'verification_code.rate_limited');
    expectProblem(await sendCode(c.free, stepUp), 429, 'verification_code.rate_limited');
  });
});
