import { ManualClock } from '../../src/common/clock.js';
import { expectProblem, grantStepUp, auth, managementToken, startEmulatorApp, type RunningEmulatorApp } from '../support/test-app.js';

/** Code sends: 1 per 60 s and 5 per hour per user and channel, shared by every route that sends a code. */
describe('verification code send limits', () => {
  let h: RunningEmulatorApp<ManualClock>;
  let alice: string;
  let bob: string;
  let token: string;
  let otherToken: string;
  let sendsToLogto: () => number;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
    alice = h.emu.seedUser({ username: 'alice', primaryEmail: 'alice@example.com', primaryPhone: '15550100001' }).id;
    bob = h.emu.seedUser({ username: 'bob', primaryEmail: 'bob@example.com' }).id;
    token = await h.token(alice);
    otherToken = await h.token(bob);
    sendsToLogto = () => h.emu.counters.byRoute['POST /api/verification-codes'] ?? 0;
  });

  afterEach(async () => {
    await h.close();
  });

  /** Codes to a new address need a step-up of their own (issue 18, item 6). */
  const newEmailCode = async (email: string, tk = token) =>
    h.t.inject({ method: 'POST', url: '/me/email/verification-code', headers: auth(tk, await grantStepUp(h.t, tk === token ? alice : bob)), payload: { email } });
  const newPhoneCode = async (phone: string) =>
    h.t.inject({ method: 'POST', url: '/me/phone/verification-code', headers: auth(token, await grantStepUp(h.t, alice)), payload: { phone } });
  const stepUpCode = (channel: 'email' | 'phone', tk = token) =>
    h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: auth(tk), payload: { channel } });

  it('allows one send per 60 s per channel, shared between /me/email and /me/verifications/code, with Retry-After', async () => {
    expect((await newEmailCode('one@example.com')).statusCode).toBe(202);
    h.clock.advance(20_000);

    const again = await newEmailCode('two@example.com');
    expectProblem(again, 429, 'verification_code.rate_limited');
    expect(again.headers['retry-after']).toBe('40');
    const stepUp = await stepUpCode('email');
    expectProblem(stepUp, 429, 'verification_code.rate_limited');
    expect(sendsToLogto()).toBe(1);

    // Other channel, other user: their own limits.
    expect((await newPhoneCode('+15550109999')).statusCode).toBe(202);
    expect((await newEmailCode('three@example.com', otherToken)).statusCode).toBe(202);

    h.clock.advance(40_000);
    expect((await stepUpCode('email')).statusCode).toBe(201);
  });

  it('allows five sends per hour per channel; the sixth waits for the hour to end', async () => {
    for (let send = 1; send <= 5; send += 1) {
      const res = send % 2 === 0 ? await stepUpCode('phone') : await newPhoneCode(`+1555010900${send}`);
      expect(res.statusCode).toBe(send % 2 === 0 ? 201 : 202);
      h.clock.advance(61_000);
    }
    const sixth = await newPhoneCode('+15550109006');
    expectProblem(sixth, 429, 'verification_code.rate_limited');
    expect(sixth.headers['retry-after']).toBe(String(3600 - 4 * 61 - 61));
    expect(sendsToLogto()).toBe(5);
    // Email is a separate channel.
    expect((await newEmailCode('new@example.com')).statusCode).toBe(202);

    h.clock.advance((3600 - 5 * 61) * 1000);
    expect((await newPhoneCode('+15550109006')).statusCode).toBe(202);
  });

  it('does not count requests refused before anything was sent', async () => {
    expectProblem(await newEmailCode('not an email'), 400, 'email.invalid');
    expectProblem(await stepUpCode('phone', otherToken), 409, 'verification.channel_unavailable');
    expect((await newEmailCode('free@example.com')).statusCode).toBe(202);
    expect((await stepUpCode('email', otherToken)).statusCode).toBe(201);
  });

  it("maps Logto's 429 request.message_rate_limited to 429 verification_code.rate_limited, and that refusal does not count", async () => {
    h.emu.setFault({
      match: '/api/verification-codes',
      methods: ['POST'],
      status: 429,
      body: { code: 'request.message_rate_limited', message: 'Too many messages sent to this recipient. Please try again later.' },
      times: 1,
    });
    const refused = await newEmailCode('busy@example.com');
    expectProblem(refused, 429, 'verification_code.rate_limited');
    expect(refused.headers['retry-after']).toBe('600');
    expect(h.emu.outbox).toHaveLength(0);
    expect((await newEmailCode('busy@example.com')).statusCode).toBe(202);
  });

  it("maps Logto's real per-recipient cap (10 sends to one address in 10 minutes)", async () => {
    // Ten sends to one address from the Management API directly (another app of the tenant, say).
    const bearer = await managementToken(h.emu);
    for (let i = 0; i < 10; i += 1) {
      const sent = await fetch(`${h.emu.endpoint}/api/verification-codes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify({ email: 'popular@example.com' }),
      });
      expect(sent.status).toBe(204);
    }
    expectProblem(await newEmailCode('popular@example.com'), 429, 'verification_code.rate_limited');
  });
});
