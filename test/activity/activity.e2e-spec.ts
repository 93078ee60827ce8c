import { AuditService } from '../../src/audit/audit.service.js';
import { KEPT_ACTIVITY_RECORDS } from '../../src/activity/activity-recorder.js';
import { RESERVED_CUSTOM_DATA_KEY } from '../../src/profile/custom-data.policy.js';
import { bearer, expectProblem, grantStepUp, startEmulatorApp, tokenFor, useEmulatorApp } from '../support/test-app.js';

const SPA = 'spa-app-0001';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';

interface Item {
  id: string;
  type: string;
  at: string;
  ip?: string;
  userAgent?: string;
  application?: { id: string };
  result: string;
  details?: Record<string, unknown>;
}

describe('activity feed (GET /me/activity)', () => {
  const h = useEmulatorApp({ env: { DELETION_GRACE_PERIOD_DAYS: '30' } });
  let n = 0;

  async function user() {
    n += 1;
    const seeded = h.emu.seedUser({ username: `act_${n}`, password: 'pw-123456789' });
    return { id: seeded.id, token: await tokenFor(h.emu, seeded.id) };
  }

  /** What Logto writes for one sign-in (10-logs-by-user): four entries, one of which the feed shows. */
  function signIn(userId: string, at: number, result: 'Success' | 'Error' = 'Success') {
    const base = { result, ip: '203.0.113.9', userAgent: UA, userId, applicationId: SPA };
    h.emu.state.addLog({ key: 'Interaction.Create', payload: { key: 'Interaction.Create', ...base, result: 'Success' }, createdAt: at - 3 });
    h.emu.state.addLog({ key: 'Interaction.SignIn.Identifier.Submit', payload: { key: 'Interaction.SignIn.Identifier.Submit', ...base, result: 'Success' }, createdAt: at - 2 });
    const submit = h.emu.state.addLog({ key: 'Interaction.SignIn.Submit', payload: { key: 'Interaction.SignIn.Submit', ...base }, createdAt: at });
    h.emu.state.addLog({ key: 'ExchangeTokenBy.AuthorizationCode', payload: { key: 'ExchangeTokenBy.AuthorizationCode', ...base, result: 'Success' }, createdAt: at + 1 });
    return submit;
  }

  const get = (token: string, query = '') => h.t.inject({ method: 'GET', url: `/me/activity${query}`, headers: bearer(token) });

  it('maps Logto log keys to documented types, leaves the rest out, and merges the service’s own changes', async () => {
    const { id, token } = await user();
    const other = await user();
    const now = Date.now();
    const signedIn = signIn(id, now - 60_000);
    const failed = signIn(id, now - 50_000, 'Error');
    const registered = h.emu.state.addLog({
      key: 'Interaction.Register.Submit',
      payload: { key: 'Interaction.Register.Submit', result: 'Success', userId: id, applicationId: SPA },
      createdAt: now - 120_000,
    });
    const reset = h.emu.state.addLog({
      key: 'Interaction.ForgotPassword.Submit',
      payload: { key: 'Interaction.ForgotPassword.Submit', result: 'Success', userId: id, ip: '198.51.100.1' },
      createdAt: now - 90_000,
    });
    h.emu.state.addLog({ key: 'Some.Future.Key', payload: { key: 'Some.Future.Key', result: 'Success', userId: id }, createdAt: now - 40_000 });
    // A failed password attempt: Logto does not know the user yet, so it carries no userId (10-logs-by-application).
    h.emu.state.addLog({
      key: 'Interaction.SignIn.Verification.Password.Submit',
      payload: { key: 'Interaction.SignIn.Verification.Password.Submit', result: 'Error', applicationId: SPA },
      createdAt: now - 30_000,
    });
    signIn(other.id, now - 20_000);

    // Two changes through this service, which Logto does not log.
    const schedule = await h.t.inject({ method: 'DELETE', url: '/me', headers: bearer(token, { 'verification-id': await grantStepUp(h.t, id) }) });
    expect(schedule.statusCode).toBe(202);
    expect((await h.t.inject({ method: 'DELETE', url: '/me/deletion', headers: bearer(token) })).statusCode).toBe(204);

    const res = await get(token);

    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Item[]; nextCursor?: string };
    expect(body.nextCursor).toBeUndefined();
    expect(body.items).toEqual([
      { id: expect.any(String), type: 'deletion_cancelled', at: expect.any(String), result: 'success' },
      { id: expect.any(String), type: 'deletion_scheduled', at: expect.any(String), result: 'success', details: { scheduledFor: schedule.json().scheduledFor } },
      { id: failed.id, type: 'sign_in', at: new Date(now - 50_000).toISOString(), ip: '203.0.113.9', userAgent: UA, application: { id: SPA }, result: 'failure' },
      { id: signedIn.id, type: 'sign_in', at: new Date(now - 60_000).toISOString(), ip: '203.0.113.9', userAgent: UA, application: { id: SPA }, result: 'success' },
      { id: reset.id, type: 'password_reset', at: new Date(now - 90_000).toISOString(), ip: '198.51.100.1', result: 'success' },
      { id: registered.id, type: 'sign_up', at: new Date(now - 120_000).toISOString(), application: { id: SPA }, result: 'success' },
    ]);
    expect(res.body).not.toMatch(/Interaction|ExchangeToken|Some\.Future/);
    expect(body.items[0]?.id).not.toBe(body.items[1]?.id);
  });

  it('pages newest first over both sources without gaps or repeats, also across Logto pages and equal timestamps', async () => {
    const { id, token } = await user();
    const audit = h.t.app.get(AuditService);
    await audit.record('password.changed', id);
    await audit.record('identity.linked', id, { target: 'github' });
    const now = Date.now();
    // 45 sign-ins = 180 Logto entries (two pages of Logto's maximum size); some share a millisecond.
    const signIns = Array.from({ length: 45 }, (_, i) => signIn(id, now - 30 * 60_000 + Math.floor(i / 3) * 4 * 60_000));

    const all = (await get(token, '?limit=100')).json() as { items: Item[]; nextCursor?: string };
    expect(all.nextCursor).toBeUndefined();
    expect(all.items).toHaveLength(47);
    const signInIds = all.items.filter((item) => item.type === 'sign_in').map((item) => item.id);
    expect(new Set(signInIds)).toEqual(new Set(signIns.map((entry) => entry.id)));
    const keys = all.items.map((item) => [Date.parse(item.at), item.id] as const);
    const sorted = [...keys].sort(([at1, id1], [at2, id2]) => at2 - at1 || (id1 < id2 ? 1 : -1));
    expect(keys).toEqual(sorted);

    const walked: Item[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await get(token, `?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: Item[]; nextCursor?: string };
      expect(page.items.length).toBeLessThanOrEqual(7);
      walked.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      if (pages === 1) {
        // Something new happening while the user pages does not disturb the pages after the first.
        signIn(id, now + 60 * 60_000);
      }
    } while (cursor && pages < 20);
    expect(pages).toBe(7);
    expect(walked.map((item) => item.id)).toEqual(all.items.map((item) => item.id));
  });

  it('defaults to 20 items per page', async () => {
    const { id, token } = await user();
    const now = Date.now();
    for (let i = 0; i < 25; i += 1) signIn(id, now - i * 1000);
    const res = await get(token);
    expect(res.json().items).toHaveLength(20);
    expect(res.json().nextCursor).toEqual(expect.any(String));
  });

  it.each([['?limit=0'], ['?limit=101'], ['?limit=abc'], ['?limit=1.5'], ['?page=2']])('rejects %s with 400', async (query) => {
    const { token } = await user();
    expectProblem(await get(token, query), 400, 'request.validation_failed');
  });

  it('rejects a tampered or foreign cursor with 400', async () => {
    const { id, token } = await user();
    const now = Date.now();
    for (let i = 0; i < 3; i += 1) signIn(id, now - i * 1000);
    const cursor = (await get(token, '?limit=1')).json().nextCursor as string;
    const flipped = `${cursor.slice(0, -2)}${cursor.at(-2) === 'A' ? 'B' : 'A'}${cursor.at(-1)}`;
    const foreign = Buffer.from(JSON.stringify({ t: 'yesterday', i: 'x' })).toString('base64url');
    const extra = Buffer.from(JSON.stringify({ t: 1, i: 'x', admin: true })).toString('base64url');
    for (const bad of [flipped, foreign, extra, 'not a cursor', '%7B%7D']) {
      const res = await get(token, `?limit=1&cursor=${encodeURIComponent(bad)}`);
      const problem = expectProblem(res, 400, 'request.validation_failed');
      expect(problem.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });

  it('keeps only the newest records of the service’s own changes, in the reserved namespace', async () => {
    const { id, token } = await user();
    const audit = h.t.app.get(AuditService);
    for (let i = 0; i < KEPT_ACTIVITY_RECORDS + 3; i += 1) await audit.record('session.revoked', id, { sessionId: `s${i}` });

    const stored = h.emu.state.users.get(id)?.customData[RESERVED_CUSTOM_DATA_KEY] as { activity: Array<{ details: { sessionId: string } }> };
    expect(stored.activity).toHaveLength(KEPT_ACTIVITY_RECORDS);
    expect(stored.activity[0]?.details.sessionId).toBe(`s${KEPT_ACTIVITY_RECORDS + 2}`);
    const page = (await get(token, '?limit=100')).json() as { items: Item[] };
    expect(page.items).toHaveLength(KEPT_ACTIVITY_RECORDS);
    expect(page.items.every((item) => item.type === 'session_revoked')).toBe(true);
  });

  it('leaves profile and custom-data edits out', async () => {
    const { id, token } = await user();
    const before = h.emu.stateDigest();
    await h.t.app.get(AuditService).record('profile.changed', id);
    expect(h.emu.stateDigest()).toBe(before);
    expect((await get(token)).json()).toEqual({ items: [] });
  });

  it('survives a restart and is the same on every instance (kept in Logto)', async () => {
    const { id, token } = await user();
    await h.t.app.get(AuditService).record('password.changed', id);
    const other = (await startEmulatorApp({ emulator: h.emu })).t;
    try {
      const res = await other.inject({ method: 'GET', url: '/me/activity', headers: bearer(token) });
      expect(res.json().items).toEqual([{ id: expect.any(String), type: 'password_changed', at: expect.any(String), result: 'success' }]);
    } finally {
      await other.close();
    }
  });
});
