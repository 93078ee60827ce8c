import { ManualClock } from '../../src/common/clock.js';
import { expectProblem, grantStepUp, auth, startEmulatorApp, type RunningEmulatorApp } from '../support/test-app.js';

/** Issue 18, item 11: concurrent changes of one address are serialized, and emails are compared in one form. */
describe('contact changes: serialization and email normalization', () => {
  let h: RunningEmulatorApp<ManualClock>;
  let alice: string;
  let token: string;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
    alice = h.emu.seedUser({ username: 'alice', primaryEmail: 'alice@example.com', primaryPhone: '15550100001', password: 'Correct-Horse-42' }).id;
    token = await h.token(alice);
  });

  afterEach(async () => {
    await h.close();
  });

  const sendCode = async (key: string, value: string) => {
    const res = await h.t.inject({ method: 'POST', url: `/me/${key}/verification-code`, headers: auth(token, await grantStepUp(h.t, alice)), payload: { [key]: value } });
    expect(res.statusCode).toBe(202);
    // One send per minute and channel.
    h.clock.advance(61_000);
  };
  const change = (key: string, value: string, code: string | undefined, verificationId: string) =>
    h.t.inject({ method: 'PUT', url: `/me/${key}`, headers: auth(token, verificationId), payload: { [key]: value, code } });

  it.each([
    ['email', 'primaryEmail', ['first@example.com', 'second@example.com'], ['first@example.com', 'second@example.com']],
    ['phone', 'primaryPhone', ['+15550107001', '+15550107002'], ['15550107001', '15550107002']],
  ] as const)('two concurrent PUT /me/%s never both answer 200: the second meets the first change', async (key, field, inputs, stored) => {
    await sendCode(key, inputs[0]);
    await sendCode(key, inputs[1]);
    const codes = stored.map((address) => h.emu.lastCode(address));
    // Two records, as two tabs or two devices would hold.
    const records = [await grantStepUp(h.t, alice), await grantStepUp(h.t, alice)];

    const answers = await Promise.all([0, 1].map((i) => change(key, inputs[i], codes[i], records[i])));
    const statuses = answers.map((res) => res.statusCode).sort();
    expect(statuses).toEqual([200, 403]);
    const winner = answers.findIndex((res) => res.statusCode === 200);
    expectProblem(answers[1 - winner], 403, 'verification.required');
    expect(h.emu.state.users.get(alice)?.[field]).toBe(stored[winner]);
    expect((answers[winner].json() as Record<string, unknown>)[field]).toBe(stored[winner]);
  });

  it('sends the code to, checks and stores the email with its domain lower-cased and in A-labels, the local part as given', async () => {
    await sendCode('email', 'Ada.New@BÜCHER.Example');
    const code = h.emu.lastCode('Ada.New@xn--bcher-kva.example');
    expect(code).toEqual(expect.any(String));
    const res = await change('email', 'Ada.New@Bücher.example', code, await grantStepUp(h.t, alice));
    expect(res.statusCode).toBe(200);
    expect(h.emu.state.users.get(alice)?.primaryEmail).toBe('Ada.New@xn--bcher-kva.example');
  });

  it('finds an address another account holds in A-labels when it is given in Unicode', async () => {
    h.emu.seedUser({ username: 'bob', primaryEmail: 'bob@xn--bcher-kva.example' });
    const res = await h.t.inject({
      method: 'POST',
      url: '/me/email/verification-code',
      headers: auth(token, await grantStepUp(h.t, alice)),
      payload: { email: 'bob@Bücher.example' },
    });
    expectProblem(res, 409, 'email.already_in_use');
    expect(h.emu.outbox).toHaveLength(0);
  });
});
