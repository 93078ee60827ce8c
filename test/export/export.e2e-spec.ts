import { AuditService } from '../../src/audit/audit.service.js';
import { ManualClock } from '../../src/common/clock.js';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, tokenOnClock, useEmulatorApp } from '../support/test-app.js';

const SCHEMA = new URL('../../demo/custom-data.schema.json', import.meta.url).pathname;
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const BACKUP_CODE = '0123456789';
const PROVIDER_TOKEN = 'gho_provider-access-token-123';

describe('account export (GET /me/export)', () => {
  const clock = new ManualClock(Date.now());
  const h = useEmulatorApp({ clock, env: { CUSTOM_DATA_SCHEMA: SCHEMA } });
  let n = 0;

  async function user(fields: Parameters<LogtoEmulator['seedUser']>[0] = {}) {
    n += 1;
    const seeded = h.emu.seedUser({ username: `exp_${n}`, password: 'pw-123456789', ...fields });
    const token = await tokenOnClock(h.emu, seeded.id, clock, { ttlSeconds: 24 * 3600 });
    return { id: seeded.id, token };
  }

  const get = (token: string, url: string) => h.t.inject({ method: 'GET', url, headers: bearer(token) });

  it('downloads everything as an attachment, matching what Logto holds, without secrets', async () => {
    const { id, token } = await user({
      primaryEmail: 'exporter@example.test',
      name: 'Ex Porter',
      customData: { theme: 'dark', internalRiskScore: 7 },
      profile: { givenName: 'Ex' },
    });
    h.emu.linkSocialIdentity(id, 'github', { userId: 'gh-77', details: { name: 'Ex', accessToken: PROVIDER_TOKEN, rawData: { token: PROVIDER_TOKEN } } });
    h.emu.addSsoIdentity(id, { ssoConnectorId: 'sso-1', issuer: 'https://idp.example.test', identityId: 'idp-9', detail: { email: 'ex@corp.example.test' } });
    h.emu.addMfaVerification(id, { type: 'Totp', secret: TOTP_SECRET });
    h.emu.addMfaVerification(id, { type: 'BackupCode', codes: [BACKUP_CODE, '1111111111', '2222222222', '3333333333', '4444444444', '5555555555', '6666666666', '7777777777', '8888888888', '9999999999'] });
    h.emu.addSession(id, { clientId: 'spa-export', applicationName: 'Export SPA', ip: '203.0.113.5', userAgent: 'Firefox' });
    const org = h.emu.addOrganization({ name: 'Acme', description: 'Anvils' });
    h.emu.addUserToOrganization(id, org.id, ['member']);
    h.emu.state.addLog({
      key: 'Interaction.SignIn.Submit',
      payload: { key: 'Interaction.SignIn.Submit', result: 'Success', userId: id, applicationId: 'spa-export', ip: '203.0.113.5' },
      createdAt: clock.now() - 60_000,
    });
    await h.t.app.get(AuditService).record('password.changed', id);

    const res = await get(token, '/me/export');

    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="account-export-${id}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['account', 'activity', 'deletion', 'exportedAt', 'formatVersion', 'grants', 'identities', 'mfaFactors', 'organizations', 'sessions'].sort(),
    );
    expect(body.formatVersion).toBe(1);
    expect(body.exportedAt).toBe(new Date(clock.now()).toISOString());
    expect(body.deletion).toEqual({ status: 'none' });

    // Each part compared with what Logto (the emulator) holds, not with the service's own routes, which share
    // the export's mapping code.
    const iso = (ms: number) => new Date(ms).toISOString();
    const stored = h.emu.state.users.get(id)!;
    expect(body.account).toEqual({
      id,
      username: 'exp_1',
      primaryEmail: 'exporter@example.test',
      primaryPhone: null,
      name: 'Ex Porter',
      avatar: null,
      profile: { givenName: 'Ex' },
      customData: { theme: 'dark' },
      identities: { social: ['github'], sso: ['sso-1'] },
      hasPassword: true,
      createdAt: iso(stored.createdAt),
      updatedAt: iso(stored.updatedAt),
      lastSignInAt: null,
    });
    const [totp, backup] = h.emu.state.mfaOf(id);
    expect(body.mfaFactors).toEqual([
      { id: totp!.id, type: 'totp', createdAt: totp!.createdAt },
      { id: backup!.id, type: 'backup_code', createdAt: backup!.createdAt, remainingCodes: 10 },
    ]);
    const [[sessionId, session]] = [...h.emu.state.sessions.entries()].filter(([, entry]) => entry.accountId === id) as Array<[string, { payload: { loginTs: number }; expiresAt: number }]>;
    expect(body.sessions).toEqual([
      {
        id: sessionId,
        applications: [{ id: 'spa-export', name: 'Export SPA' }],
        signedInAt: iso(session!.payload.loginTs * 1000),
        expiresAt: iso(session!.expiresAt),
        ip: '203.0.113.5',
        userAgent: 'Firefox',
        method: 'password',
      },
    ]);
    const [[grantId, grant]] = [...h.emu.state.grants.entries()].filter(([, entry]) => entry.payload.accountId === id) as Array<
      [string, { payload: { iat: number; openid: { scope: string }; resources: Record<string, string> }; expiresAt: number }]
    >;
    expect(body.grants).toEqual([
      {
        id: grantId,
        application: { id: 'spa-export', name: 'Export SPA' },
        scopes: grant!.payload.openid.scope.split(' '),
        resources: Object.entries(grant!.payload.resources).map(([resource, scopes]) => ({ resource, scopes: scopes.split(' ') })),
        createdAt: iso(grant!.payload.iat * 1000),
        expiresAt: iso(grant!.expiresAt),
      },
    ]);
    const member = [...h.emu.state.organizationRoles.values()].find((role) => role.name === 'member')!;
    expect(body.organizations).toEqual([{ id: org.id, name: 'Acme', description: 'Anvils', roles: [{ id: member.id, name: 'member' }] }]);
    expect(body.activity).toEqual([
      { id: expect.any(String), type: 'password_changed', at: iso(clock.now()), result: 'success' },
      { id: expect.any(String), type: 'sign_in', at: iso(clock.now() - 60_000), result: 'success', ip: '203.0.113.5', application: { id: 'spa-export' } },
    ]);
    expect(body.identities).toEqual({
      social: [{ target: 'github', identityId: 'gh-77', name: 'Ex' }],
      sso: [{ ssoConnectorId: 'sso-1', issuer: 'https://idp.example.test', identityId: 'idp-9', email: 'ex@corp.example.test', linkedAt: expect.any(String) }],
    });

    for (const secret of [PROVIDER_TOKEN, TOTP_SECRET, BACKUP_CODE, 'rawData', 'internalRiskScore', '__accountService', 'pw-123456789']) {
      expect(res.body).not.toContain(secret);
    }
  });

  it('allows one export per 10 minutes: 429 with Retry-After, then again once the window has passed', async () => {
    const { token } = await user();
    expect((await get(token, '/me/export')).statusCode).toBe(200);

    clock.advance(9 * 60_000);
    const limited = await get(token, '/me/export');
    expectProblem(limited, 429, 'rate_limit.exceeded');
    expect(Number(limited.headers['retry-after'])).toBe(60);
    expect(limited.headers['content-disposition']).toBeUndefined();

    // Another user is not affected.
    expect((await get((await user()).token, '/me/export')).statusCode).toBe(200);

    clock.advance(60_000);
    expect((await get(token, '/me/export')).statusCode).toBe(200);
  });

  it('does not count an export that failed because Logto did', async () => {
    const { id, token } = await user();
    h.emu.setFault({ match: `/api/users/${id}/sessions`, methods: ['GET'], status: 500, times: 1 });
    const failed = await get(token, '/me/export');
    expectProblem(failed, 502, 'upstream.unavailable');
    expect((await get(token, '/me/export')).statusCode).toBe(200);
  });

  it('needs the read scope only, and a live account', async () => {
    const { id, token } = await user();
    const readOnly = await tokenOnClock(h.emu, id, clock, { scopes: ['account:read'] });
    expect((await get(readOnly, '/me/export')).statusCode).toBe(200);
    expectProblem(await get(token, '/me/export'), 429, 'rate_limit.exceeded');

    const gone = await user();
    h.emu.state.users.delete(gone.id);
    expectProblem(await get(gone.token, '/me/export'), 404, 'account.not_found');
  });
});
