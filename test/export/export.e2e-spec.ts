import { AuditService } from '../../src/audit/audit.service.js';
import { ManualClock } from '../../src/common/clock.js';
import type { LogtoEmulator } from '../../src/emulator/index.js';
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

  it('downloads everything as an attachment, in the shapes of the service’s own routes, without secrets', async () => {
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

    // The same mapping as the routes that show each part (the account from GET /me, minus its ETag).
    expect(body.account).toEqual((await get(token, '/me')).json());
    expect(body.account).toMatchObject({ customData: { theme: 'dark' }, profile: { givenName: 'Ex' } });
    expect(body.mfaFactors).toEqual((await get(token, '/me/mfa')).json().items);
    expect(body.sessions).toEqual((await get(token, '/me/sessions')).json().items);
    expect(body.grants).toEqual((await get(token, '/me/grants')).json().items);
    expect(body.organizations).toEqual((await get(token, '/me/organizations')).json().items);
    expect(body.activity).toEqual((await get(token, '/me/activity?limit=100')).json().items);
    expect(body.identities).toEqual({
      social: [{ target: 'github', identityId: 'gh-77', name: 'Ex' }],
      sso: [expect.objectContaining({ ssoConnectorId: 'sso-1', issuer: 'https://idp.example.test', identityId: 'idp-9', email: 'ex@corp.example.test' })],
    });
    expect((body.mfaFactors as unknown[]).length).toBe(2);
    expect((body.sessions as unknown[]).length).toBe(1);
    expect((body.organizations as unknown[]).length).toBe(1);
    expect((body.activity as Array<{ type: string }>).map((item) => item.type)).toEqual(['password_changed', 'sign_in']);

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
    expect(failed.statusCode).toBeGreaterThanOrEqual(500);
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
