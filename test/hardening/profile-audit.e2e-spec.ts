/**
 * The audit events `profile.changed` and `custom_data.changed` (src/audit/audit.service.ts) are written for
 * every change of the profile and of the custom data (issue #18, item 11): which fields changed, never their
 * values; nothing when nothing changed or the write failed.
 */
import { auditLines, bearer, grantStepUp, useEmulatorApp } from '../support/test-app.js';
import { seedRichAccount, type RichAccount } from './hardening-support.js';

describe('audit lines for profile and custom-data changes', () => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json' } });
  let me: RichAccount;

  beforeEach(async () => {
    me = await seedRichAccount(h.emu);
  });
  afterEach(() => h.emu.clearFaults());

  const patch = (url: string, payload: unknown, extra: Record<string, string> = {}) =>
    h.t.inject({ method: 'PATCH', url, headers: bearer(me.token, { 'content-type': 'application/merge-patch+json', ...extra }), payload: JSON.stringify(payload) });

  /** The one audit line of the event for this user, checked to hold none of the values sent. */
  function onlyLine(event: string, values: string[]): Record<string, unknown> {
    const lines = auditLines(h.t, event, me.userId);
    expect(lines).toHaveLength(1);
    const text = JSON.stringify(lines[0]);
    for (const value of values) expect(text).not.toContain(value);
    return lines[0]!;
  }

  it('PATCH /me: profile.changed with the fields changed (name, avatar)', async () => {
    const res = await patch('/me', { name: 'Audited Name 7391', avatar: 'https://avatars.example.test/audited-7391.png' });
    expect(res.statusCode).toBe(200);
    const line = onlyLine('profile.changed', ['Audited Name 7391', 'audited-7391']);
    expect(line.details).toEqual({ fields: 'avatar,name' });
  });

  it('PATCH /me: a field set to its current value is not a change', async () => {
    const current = h.emu.state.users.get(me.userId)!.name!;
    expect((await patch('/me', { name: current })).statusCode).toBe(200);
    expect(auditLines(h.t, 'profile.changed', me.userId)).toEqual([]);
  });

  it('PATCH /me: a username change is username.changed, plus profile.changed only for the other fields', async () => {
    const res = await patch('/me', { username: `renamed_${me.userId}`, name: 'Renamed Too 5521' }, { 'verification-id': await grantStepUp(h.t, me.userId) });
    expect(res.statusCode).toBe(200);
    expect(auditLines(h.t, 'username.changed', me.userId)).toHaveLength(1);
    expect(onlyLine('profile.changed', ['Renamed Too 5521', `renamed_${me.userId}`]).details).toEqual({ fields: 'name' });
  });

  it('PATCH /me/profile: the claims changed and removed, address as one field', async () => {
    const res = await patch('/me/profile', { nickname: 'Nick 8812', address: { locality: 'Audit Town 8812' }, familyName: null });
    expect(res.statusCode).toBe(200);
    expect(onlyLine('profile.changed', ['Nick 8812', 'Audit Town 8812']).details).toEqual({ fields: 'address,familyName,nickname' });
  });

  it('PATCH /me/profile: nothing changed, no line', async () => {
    expect((await patch('/me/profile', { givenName: 'Rich' })).statusCode).toBe(200);
    expect(auditLines(h.t, 'profile.changed', me.userId)).toEqual([]);
  });

  it('PATCH /me/custom-data: custom_data.changed with the keys changed and removed', async () => {
    const res = await patch('/me/custom-data', { theme: 'dark', newsletter: true, homepage: 'https://audited-homepage-4471.example.test' });
    expect(res.statusCode).toBe(200);
    expect(onlyLine('custom_data.changed', ['dark', 'audited-homepage-4471']).details).toEqual({ fields: 'homepage,newsletter,theme' });

    expect((await patch('/me/custom-data', { newsletter: null })).statusCode).toBe(200);
    const lines = auditLines(h.t, 'custom_data.changed', me.userId);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.details).toEqual({ fields: 'newsletter' });
  });

  it('PATCH /me/custom-data: nothing changed, no line', async () => {
    expect((await patch('/me/custom-data', { theme: 'light' })).statusCode).toBe(200);
    expect(auditLines(h.t, 'custom_data.changed', me.userId)).toEqual([]);
  });

  it('a write Logto refuses leaves no line', async () => {
    h.emu.setFault({ match: `/api/users/${me.userId}`, methods: ['PATCH'], status: 500 });
    expect((await patch('/me', { name: 'Never Written' })).statusCode).toBe(502);
    expect((await patch('/me/custom-data', { theme: 'dark' })).statusCode).toBe(502);
    expect((await patch('/me/profile', { nickname: 'Never' })).statusCode).toBe(502);
    expect(auditLines(h.t, 'profile.changed', me.userId)).toEqual([]);
    expect(auditLines(h.t, 'custom_data.changed', me.userId)).toEqual([]);
  });
});
