import { ManualClock } from '../../src/common/clock.js';
import { RESERVED_CUSTOM_DATA_KEY } from '../../src/profile/custom-data.policy.js';
import { expectProblem, grantStepUp, auth, startEmulatorApp, type RunningEmulatorApp } from '../support/test-app.js';

/**
 * DELETE /me needs a valid Verification-Id whatever the deletion mode. These tests guard the rule from angles
 * the first test (deletion.e2e-spec.ts: no header at all, immediate mode) does not: a scheduled deletion, and
 * an id that exists but is not a valid proof for this user now (another user's, an expired one).
 */
const STEP_UP_MAX_AGE_MS = 600_000; // grantStepUp's record lifetime, the default step-up lifetime

type Harness = RunningEmulatorApp<ManualClock>;
const deleted = (h: Harness, userId: string) => expect(h.emu.state.users.has(userId)).toBe(false);
const scheduled = (h: Harness, userId: string) =>
  expect(h.emu.state.users.get(userId)?.customData).toHaveProperty([RESERVED_CUSTOM_DATA_KEY, 'deletion']);

describe.each([
  ['immediate deletion', '0', 204, deleted],
  ['scheduled deletion (grace period)', '30', 202, scheduled],
])('DELETE /me step-up: %s', (_mode, graceDays, acceptedStatus, expectDone) => {
  let h: RunningEmulatorApp<ManualClock>;
  let n = 0;
  beforeAll(async () => {
    h = await startEmulatorApp({ clock: new ManualClock(), env: { DELETION_GRACE_PERIOD_DAYS: graceDays } });
  });
  afterAll(() => h.close());

  async function user() {
    n += 1;
    const seeded = h.emu.seedUser({ username: `del_su_${graceDays}_${n}`, password: 'pw-123456789', customData: { theme: 'dark' } });
    return { id: seeded.id, token: await h.token(seeded.id) };
  }

  async function expectRefusedAndUnchanged(token: string, verificationId: string | undefined, userId: string) {
    const before = h.emu.stateDigest();
    const res = await h.t.inject({ method: 'DELETE', url: '/me', headers: auth(token, verificationId) });
    const body = expectProblem(res, 403, 'verification.required');
    expect(body.methods).toEqual(['password']);
    expect(h.emu.stateDigest()).toBe(before);
    expect(h.emu.state.users.get(userId)?.customData).toEqual({ theme: 'dark' });
    expect(JSON.stringify(h.emu.state.users.get(userId)?.customData)).not.toContain(RESERVED_CUSTOM_DATA_KEY);
    const status = await h.t.inject({ method: 'GET', url: '/me/deletion', headers: auth(token) });
    expect(status.json()).toEqual({ status: 'none' });
  }

  it('refuses a request without a Verification-Id and changes nothing', async () => {
    const me = await user();
    await expectRefusedAndUnchanged(me.token, undefined, me.id);
  });

  it("refuses another user's verified record and changes nothing", async () => {
    const me = await user();
    const other = await user();
    await expectRefusedAndUnchanged(me.token, await grantStepUp(h.t, other.id), me.id);
  });

  it('refuses an expired verified record and changes nothing, and accepts a fresh one', async () => {
    const me = await user();
    const expired = await grantStepUp(h.t, me.id);
    h.clock.advance(STEP_UP_MAX_AGE_MS + 1);
    await expectRefusedAndUnchanged(me.token, expired, me.id);

    // The refusals above are about the record, not the account: a valid one goes through.
    const accepted = await h.t.inject({ method: 'DELETE', url: '/me', headers: auth(me.token, await grantStepUp(h.t, me.id)) });
    expect(accepted.statusCode).toBe(acceptedStatus);
    expectDone(h, me.id);
  });
});
