import { ManualClock } from '../../src/common/clock.js';
import { bearer, expectProblem, TEST_AUDIENCE, useEmulatorApp } from '../support/test-app.js';

const allowed = { requiresVerification: true, allowed: true };
const blocked = (reason: string) => ({ requiresVerification: true, allowed: false, reason });

describe('GET /me/security', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 3, 51, 10));
  const h = useEmulatorApp({ clock, emulatorOptions: { now: () => clock.now() } });

  async function overviewOf(userId: string) {
    const token = await h.emu.mintUserToken({ sub: userId, scopes: ['account:read'], audience: TEST_AUDIENCE });
    const res = await h.t.inject({ method: 'GET', url: '/me/security', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('password only: can verify with the password; nothing to remove; backup codes need a factor first', async () => {
    const user = h.emu.seedUser({ username: 'pat', password: 'correct horse' });
    expect(await overviewOf(user.id)).toEqual({
      hasPassword: true,
      primaryEmail: { present: false },
      primaryPhone: { present: false },
      signInMethods: ['password'],
      linkedIdentities: { social: 0, sso: 0 },
      mfa: { enabled: false, factors: [], backupCodes: { total: 0, remaining: 0 } },
      sessions: { active: 0 },
      stepUpMethods: ['password'],
      actions: {
        changeEmail: allowed,
        removeEmail: blocked('nothing_to_remove'),
        changePhone: allowed,
        removePhone: blocked('nothing_to_remove'),
        changePassword: allowed,
        linkIdentity: allowed,
        unlinkIdentity: blocked('nothing_to_remove'),
        addMfa: allowed,
        generateBackupCodes: blocked('needs_another_factor'),
        removeMfa: blocked('nothing_to_remove'),
        deleteAccount: allowed,
      },
    });
  });

  it('social only: no way to verify, so no sensitive action is possible; the only identity cannot go anyway', async () => {
    const user = h.emu.seedUser({});
    h.emu.linkSocialIdentity(user.id, 'github', { userId: 'gh-1', details: { email: 'soc@example.com' } });
    h.emu.addSession(user.id);
    const overview = await overviewOf(user.id);
    expect(overview).toMatchObject({
      hasPassword: false,
      primaryEmail: { present: false },
      primaryPhone: { present: false },
      signInMethods: ['social:github'],
      linkedIdentities: { social: 1, sso: 0 },
      sessions: { active: 1 },
      stepUpMethods: [],
    });
    expect(overview.actions).toEqual({
      changeEmail: blocked('no_verification_method'),
      removeEmail: blocked('nothing_to_remove'),
      changePhone: blocked('no_verification_method'),
      removePhone: blocked('nothing_to_remove'),
      changePassword: blocked('no_verification_method'),
      linkIdentity: blocked('no_verification_method'),
      unlinkIdentity: blocked('last_sign_in_method'),
      addMfa: blocked('no_verification_method'),
      generateBackupCodes: blocked('needs_another_factor'),
      removeMfa: blocked('nothing_to_remove'),
      deleteAccount: blocked('no_verification_method'),
    });
  });

  it('email + TOTP: masked email, MFA on, the email is the last way in', async () => {
    const user = h.emu.seedUser({ primaryEmail: 'ada.lovelace@example.com' });
    const totp = h.emu.addMfaVerification(user.id, { type: 'Totp', createdAt: '2026-11-01T10:00:00.000Z' });
    const overview = await overviewOf(user.id);
    expect(overview).toMatchObject({
      hasPassword: false,
      primaryEmail: { present: true, masked: 'a***@example.com' },
      primaryPhone: { present: false },
      signInMethods: ['email'],
      mfa: {
        enabled: true,
        factors: [{ id: totp.id, type: 'totp', createdAt: '2026-11-01T10:00:00.000Z' }],
        backupCodes: { total: 0, remaining: 0 },
      },
      stepUpMethods: ['email'],
    });
    expect(overview.actions).toMatchObject({
      changeEmail: allowed,
      removeEmail: blocked('last_sign_in_method'),
      changePassword: allowed,
      addMfa: blocked('already_enrolled'),
      generateBackupCodes: allowed,
      removeMfa: allowed,
    });
    expect(JSON.stringify(overview)).not.toContain('ada.lovelace');
    expect(JSON.stringify(overview)).not.toContain(totp.key);
  });

  it('everything: every count, masked phone, only the active sessions, every action allowed but a second TOTP', async () => {
    const user = h.emu.seedUser({ username: 'eve', password: 'pw', primaryEmail: 'eve@example.com', primaryPhone: '15550109999' });
    h.emu.linkSocialIdentity(user.id, 'github', { userId: 'gh-2' });
    h.emu.addSsoIdentity(user.id, { ssoConnectorId: 'okta1', identityId: 'okta-user' });
    h.emu.addMfaVerification(user.id, { type: 'Totp' });
    h.emu.addMfaVerification(user.id, { type: 'WebAuthn', name: 'YubiKey' });
    const codes = Array.from({ length: 10 }, (_, i) => `feedface0${i}`);
    h.emu.addMfaVerification(user.id, { type: 'BackupCode', codes, usedCodes: codes.slice(0, 2) });
    h.emu.addSession(user.id);
    h.emu.addSession(user.id, { clientId: 'otherapp' });
    h.emu.addSession(user.id, { loginAt: clock.now() - 20 * 86_400_000, ttlSeconds: 86_400 });

    const overview = await overviewOf(user.id);
    expect(overview).toMatchObject({
      hasPassword: true,
      primaryEmail: { present: true, masked: 'e***@example.com' },
      primaryPhone: { present: true, masked: '*******9999' },
      signInMethods: ['password', 'email', 'phone', 'social:github', 'sso:okta1'],
      linkedIdentities: { social: 1, sso: 1 },
      sessions: { active: 2 },
      stepUpMethods: ['password', 'email', 'phone'],
    });
    expect(overview.mfa.enabled).toBe(true);
    expect(overview.mfa.factors.map((factor: { type: string }) => factor.type)).toEqual(['totp', 'webauthn', 'backup_code']);
    expect(overview.mfa.backupCodes).toEqual({ total: 10, remaining: 8 });
    expect(overview.actions).toEqual({
      changeEmail: allowed,
      removeEmail: allowed,
      changePhone: allowed,
      removePhone: allowed,
      changePassword: allowed,
      linkIdentity: allowed,
      unlinkIdentity: allowed,
      addMfa: blocked('already_enrolled'),
      generateBackupCodes: allowed,
      removeMfa: allowed,
      deleteAccount: allowed,
    });
    for (const code of codes) expect(JSON.stringify(overview)).not.toContain(code);
  });

  it('is readable with the read scope alone and refuses a missing token', async () => {
    expectProblem(await h.t.inject({ method: 'GET', url: '/me/security' }), 401, 'auth.token_missing');
  });
});
