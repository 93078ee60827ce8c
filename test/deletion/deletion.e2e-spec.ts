import { ManualClock } from '../../src/common/clock.js';
import { DeletionSweeper, type SweepReport } from '../../src/deletion/deletion-sweeper.js';
import { RESERVED_CUSTOM_DATA_KEY } from '../../src/profile/custom-data.policy.js';
import { bearer, expectProblem, grantStepUp, READ_WRITE_SCOPES, startEmulatorApp, TEST_AUDIENCE, useEmulatorApp, withEmulatorApp, auditLines } from '../support/test-app.js';
import { LONG_LIVED_TOKENS_ENV, longLivedToken, waitUntil } from './deletion-test-support.js';

const SCHEMA = new URL('../../demo/custom-data.schema.json', import.meta.url).pathname;
const DAY_MS = 24 * 3600_000;

describe('account deletion without a grace period (DELETE /me)', () => {
  const h = useEmulatorApp();

  it('asks for a step-up first and changes nothing without one', async () => {
    const user = h.emu.seedUser({ username: 'del_nostepup', password: 'pw-123456789' });
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });
    const before = h.emu.stateDigest();

    const res = await h.t.inject({ method: 'DELETE', url: '/me', headers: bearer(token) });

    const body = expectProblem(res, 403, 'verification.required');
    expect(body.methods).toEqual(['password']);
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('needs the write scope', async () => {
    const user = h.emu.seedUser({ username: 'del_readonly' });
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: ['account:read'], audience: TEST_AUDIENCE });
    const before = h.emu.stateDigest();
    const res = await h.t.inject({ method: 'DELETE', url: '/me', headers: bearer(token, { 'verification-id': await grantStepUp(h.t, user.id) }) });
    expectProblem(res, 403, 'auth.insufficient_scope');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('deletes the Logto user at once: 204, one audit line, the token then finds no account', async () => {
    const user = h.emu.seedUser({ username: 'del_now', password: 'pw-123456789' });
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });

    const res = await h.t.inject({ method: 'DELETE', url: '/me', headers: bearer(token, { 'verification-id': await grantStepUp(h.t, user.id) }) });

    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(h.emu.state.users.has(user.id)).toBe(false);
    expect(auditLines(h.t, 'account.deleted', user.id)).toEqual([expect.objectContaining({ details: { mode: 'immediate' } })]);
    expectProblem(await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 404, 'account.not_found');
  });

  it('answers GET /me/deletion with status none', async () => {
    const user = h.emu.seedUser({ username: 'del_none' });
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });
    const res = await h.t.inject({ method: 'GET', url: '/me/deletion', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'none' });
  });
});

describe('account deletion with a grace period', () => {
  const clock = new ManualClock(Date.now());
  const h = useEmulatorApp({ clock, env: { DELETION_GRACE_PERIOD_DAYS: '30', CUSTOM_DATA_SCHEMA: SCHEMA, ...LONG_LIVED_TOKENS_ENV } });
  let sweeper: DeletionSweeper;
  let n = 0;

  beforeAll(() => {
    sweeper = h.t.app.get(DeletionSweeper);
  });
  afterEach(() => h.emu.clearFaults());

  async function scheduledUser(customData: Record<string, string> = {}) {
    n += 1;
    const user = h.emu.seedUser({ username: `grace_${n}`, password: 'pw-123456789', customData });
    const token = await longLivedToken(h.emu, user.id, clock);
    const res = await h.t.inject({ method: 'DELETE', url: '/me', headers: bearer(token, { 'verification-id': await grantStepUp(h.t, user.id) }) });
    expect(res.statusCode).toBe(202);
    return { id: user.id, token, schedule: res.json() as { status: string; requestedAt: string; scheduledFor: string } };
  }

  const emptyReport = (): SweepReport => ({ deleted: [], lockedElsewhere: [], dropped: [], notDue: [], failed: [] });

  it('schedules the deletion: 202 with the date, recorded in the reserved namespace only, the account keeps working', async () => {
    const requestedAt = clock.now();
    const { id, token, schedule } = await scheduledUser({ theme: 'dark', stripeCustomerId: 'cus_1' });

    expect(schedule).toEqual({
      status: 'scheduled',
      requestedAt: new Date(requestedAt).toISOString(),
      scheduledFor: new Date(requestedAt + 30 * DAY_MS).toISOString(),
    });
    expect(h.emu.state.users.get(id)?.customData).toEqual({
      theme: 'dark',
      stripeCustomerId: 'cus_1',
      [RESERVED_CUSTOM_DATA_KEY]: {
        deletion: { requestedAt, scheduledFor: requestedAt + 30 * DAY_MS },
        // The activity feed's record of it (ActivityRecorder).
        activity: [expect.objectContaining({ event: 'deletion.scheduled' })],
      },
    });
    expect(auditLines(h.t, 'deletion.scheduled', id)).toHaveLength(1);

    const status = await h.t.inject({ method: 'GET', url: '/me/deletion', headers: bearer(token) });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual(schedule);

    // The account works, and users neither see nor touch the reserved key.
    const me = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(me.json().customData).toEqual({ theme: 'dark' });
    expect(me.body).not.toContain(RESERVED_CUSTOM_DATA_KEY);
    const customData = await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
    expect(customData.json()).toEqual({ theme: 'dark' });
    const before = h.emu.stateDigest();
    const tamper = await h.t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(token), payload: { [RESERVED_CUSTOM_DATA_KEY]: null } });
    expectProblem(tamper, 422, 'custom_data.invalid');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('keeps the first date when asked again', async () => {
    const { id, token, schedule } = await scheduledUser();
    clock.advance(DAY_MS);
    const again = await h.t.inject({ method: 'DELETE', url: '/me', headers: bearer(token, { 'verification-id': await grantStepUp(h.t, id) }) });
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual(schedule);
    expect(auditLines(h.t, 'deletion.scheduled', id)).toHaveLength(1);
  });

  it('cancels: 204, status none, the reserved data cleared and other keys untouched; a second cancel is 404', async () => {
    const { id, token } = await scheduledUser({ theme: 'light' });

    const cancel = await h.t.inject({ method: 'DELETE', url: '/me/deletion', headers: bearer(token) });
    expect(cancel.statusCode).toBe(204);
    expect(auditLines(h.t, 'deletion.cancelled', id)).toHaveLength(1);
    expect((await h.t.inject({ method: 'GET', url: '/me/deletion', headers: bearer(token) })).json()).toEqual({ status: 'none' });
    const stored = h.emu.state.users.get(id)?.customData ?? {};
    expect(stored.theme).toBe('light');
    expect((stored[RESERVED_CUSTOM_DATA_KEY] as Record<string, unknown>).deletion).toBeUndefined();

    const before = h.emu.stateDigest();
    expectProblem(await h.t.inject({ method: 'DELETE', url: '/me/deletion', headers: bearer(token) }), 404, 'deletion.not_scheduled');
    expect(h.emu.stateDigest()).toBe(before);

    // Cancelled means never executed, however late the sweep.
    clock.advance(31 * DAY_MS);
    await sweeper.sweepOnce();
    expect(h.emu.state.users.has(id)).toBe(true);
  });

  it('sweeps at the scheduled time and not a millisecond before, writing one audit line', async () => {
    const { id, token, schedule } = await scheduledUser();
    const due = Date.parse(schedule.scheduledFor);

    clock.set(due - 1);
    const early = await sweeper.sweepOnce();
    expect(early.deleted).not.toContain(id);
    expect(h.emu.state.users.has(id)).toBe(true);

    clock.set(due);
    const onTime = await sweeper.sweepOnce();
    expect(onTime.deleted).toContain(id);
    expect(h.emu.state.users.has(id)).toBe(false);
    expect(auditLines(h.t, 'account.deleted', id)).toEqual([expect.objectContaining({ details: { mode: 'scheduled' } })]);
    expectProblem(await h.t.inject({ method: 'GET', url: '/me/deletion', headers: bearer(token) }), 404, 'account.not_found');

    // Gone from the index: the next sweep does not look at it again.
    const next = await sweeper.sweepOnce();
    expect(next).toEqual(emptyReport());
  });

  it('retries a deletion Logto failed on the next sweep, and logs the failure', async () => {
    const { id, schedule } = await scheduledUser();
    clock.set(Date.parse(schedule.scheduledFor));
    h.emu.setFault({ match: new RegExp(`^/api/users/${id}$`), methods: ['DELETE'], status: 500, times: 1 });

    const failed = await sweeper.sweepOnce();
    expect(failed.failed).toEqual([id]);
    expect(h.emu.state.users.has(id)).toBe(true);
    expect(h.t.logLines().some((line) => line.userId === id && String(line.msg).includes('retried on the next sweep'))).toBe(true);
    expect(auditLines(h.t, 'account.deleted', id)).toHaveLength(0);

    const retried = await sweeper.sweepOnce();
    expect(retried.deleted).toEqual([id]);
    expect(h.emu.state.users.has(id)).toBe(false);
    expect(auditLines(h.t, 'account.deleted', id)).toHaveLength(1);
  });

  it('lets a cancel that holds the account lock win over a sweep that starts meanwhile', async () => {
    const { id, token, schedule } = await scheduledUser();
    clock.set(Date.parse(schedule.scheduledFor) + 1);
    // The cancel's write to Logto is slow: the sweep starts while the cancel is between its read and its write.
    h.emu.setFault({ match: new RegExp(`^/api/users/${id}/custom-data$`), methods: ['PATCH'], latencyMs: 300, times: 1 });
    const patchesBefore = h.emu.requests.filter((r) => r.method === 'PATCH' && r.url.startsWith(`/api/users/${id}/custom-data`)).length;

    const cancel = h.t.inject({ method: 'DELETE', url: '/me/deletion', headers: bearer(token) });
    await waitUntil(() => h.emu.requests.filter((r) => r.method === 'PATCH' && r.url.startsWith(`/api/users/${id}/custom-data`)).length > patchesBefore);
    const sweep = await sweeper.sweepOnce();

    expect((await cancel).statusCode).toBe(204);
    expect(sweep.deleted).not.toContain(id);
    expect(sweep.dropped).toContain(id);
    expect(h.emu.state.users.has(id)).toBe(true);
    expect(auditLines(h.t, 'account.deleted', id)).toHaveLength(0);
  });

  it('answers a cancel that comes after the sweep with account.not_found', async () => {
    const { id, token, schedule } = await scheduledUser();
    clock.set(Date.parse(schedule.scheduledFor));
    expect((await sweeper.sweepOnce()).deleted).toEqual([id]);
    expectProblem(await h.t.inject({ method: 'DELETE', url: '/me/deletion', headers: bearer(token) }), 404, 'account.not_found');
  });
});

describe('two instances sweeping the same Logto', () => {
  it('deletes once when both act on the same user without a shared store: the second deletion is a harmless no-op', async () => {
    const clock = new ManualClock(Date.now());
    const env = { DELETION_GRACE_PERIOD_DAYS: '7', ...LONG_LIVED_TOKENS_ENV };
    await withEmulatorApp({ clock, env }, async ({ emu, t: a }) => {
      const user = emu.seedUser({ username: 'two_instances', password: 'pw-123456789' });
      const token = await longLivedToken(emu, user.id, clock);
      const scheduled = await a.inject({ method: 'DELETE', url: '/me', headers: bearer(token, { 'verification-id': await grantStepUp(a, user.id) }) });
      expect(scheduled.statusCode).toBe(202);
      // B starts afterwards with its own (in-memory) store: it learns of the request from its scan of Logto.
      const b = (await startEmulatorApp({ emulator: emu, clock, env })).t;
      try {
        clock.advance(7 * DAY_MS);

        const [fromA, fromB] = await Promise.all([a.app.get(DeletionSweeper).sweepOnce(), b.app.get(DeletionSweeper).sweepOnce()]);

        const outcomes = [fromA, fromB].map((report) => (report.deleted.includes(user.id) ? 'deleted' : report.dropped.includes(user.id) ? 'dropped' : 'other'));
        expect(outcomes.sort()).toEqual(['deleted', 'dropped']);
        expect(emu.state.users.has(user.id)).toBe(false);
        expect([...auditLines(a, 'account.deleted', user.id), ...auditLines(b, 'account.deleted', user.id)]).toHaveLength(1);
        expect([...fromA.failed, ...fromB.failed]).toEqual([]);
      } finally {
        await b.close();
      }
    });
  });
});

describe('two sweepers over one shared store', () => {
  it('lets only the sweeper holding the lock act on a user', async () => {
    const { ConfigService } = await import('@nestjs/config');
    const { AuditService } = await import('../../src/audit/audit.service.js');
    const { DeletionIndex } = await import('../../src/deletion/deletion-index.js');
    const { LogtoManagementGateway } = await import('../../src/logto/logto-management.gateway.js');
    const { MemoryStore } = await import('../../src/store/memory-store.js');
    const { ReservedDataService } = await import('../../src/account/reserved-data.service.js');

    const clock = new ManualClock(Date.now());
    await withEmulatorApp({ clock, env: { DELETION_GRACE_PERIOD_DAYS: '1', ...LONG_LIVED_TOKENS_ENV } }, async ({ emu, t }) => {
      const user = emu.seedUser({ username: 'shared_store', password: 'pw-123456789' });
      const token = await longLivedToken(emu, user.id, clock);
      const res = await t.inject({ method: 'DELETE', url: '/me', headers: bearer(token, { 'verification-id': await grantStepUp(t, user.id) }) });
      expect(res.statusCode).toBe(202);
      clock.advance(DAY_MS);

      // What two instances sharing a Redis store look like: one store, separate everything else.
      const shared = new MemoryStore(clock);
      const logto = t.app.get(LogtoManagementGateway);
      const audit = t.app.get(AuditService);
      const config = t.app.get(ConfigService);
      const sweeperFor = () => new DeletionSweeper(config, logto, shared, clock, new ReservedDataService(logto, shared), new DeletionIndex(shared, logto), audit);
      const first = sweeperFor();
      const second = sweeperFor();

      // The first sweeper's DELETE is slow; the second sweeps while the first holds the user's lock.
      emu.setFault({ match: new RegExp(`^/api/users/${user.id}$`), methods: ['DELETE'], latencyMs: 300, times: 1 });
      const firstRun = first.sweepOnce();
      await waitUntil(() => emu.requests.some((r) => r.method === 'DELETE' && r.url === `/api/users/${user.id}`));
      const secondRun = await second.sweepOnce();

      expect(secondRun.lockedElsewhere).toEqual([user.id]);
      expect((await firstRun).deleted).toEqual([user.id]);
      expect(emu.requests.filter((r) => r.method === 'DELETE' && r.url === `/api/users/${user.id}`)).toHaveLength(1);
      expect(auditLines(t, 'account.deleted', user.id)).toHaveLength(1);
      // The lock is released, and the index no longer lists the user.
      expect(await second.sweepOnce()).toEqual({ deleted: [], lockedElsewhere: [], dropped: [], notDue: [], failed: [] });
    });
  });
});

describe('the sweeper timer', () => {
  it('is unref-ed and stops with the app', async () => {
    const sweeper = await withEmulatorApp({}, async ({ t }) => {
      const started = t.app.get(DeletionSweeper) as unknown as { timer?: NodeJS.Timeout };
      expect(started.timer?.hasRef()).toBe(false);
      return started;
    });
    expect(sweeper.timer).toBeUndefined();
  });
});
