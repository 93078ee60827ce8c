/**
 * Log hygiene (issue #11): every flow that handles a secret, run at debug and at trace level, with the whole
 * log captured; no password, verification code, verification id, TOTP secret or code, backup code, bearer
 * token, social provider code, M2M secret or M2M token may appear in it.
 */
import { ManualClock } from '../../src/common/clock.js';
import { totpCode } from '../mfa/mfa-test-support.js';
import { bearer, grantStepUp, useEmulatorApp } from '../support/test-app.js';
import { seedRichAccount } from './hardening-support.js';

const REDIRECT = 'https://app.example.com/account/linked';

describe.each(['debug', 'trace'])('log hygiene at LOG_LEVEL=%s', (level) => {
  // The service allows one code per minute per user and channel: the flows move its clock past that.
  const clock = new ManualClock(Date.now());
  const h = useEmulatorApp({ clock, env: { LOG_LEVEL: level, SOCIAL_REDIRECT_URIS: REDIRECT, CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json' } });

  it('logs none of the secrets any flow handles', async () => {
    const me = await seedRichAccount(h.emu, { clock });
    /** Every secret seen on the way, with what it is. */
    const secrets: Array<[string, string]> = [
      ['password', me.password],
      ['bearer token', me.token],
      ['seeded TOTP secret', me.totpSecret],
      ...me.backupCodes.map((code): [string, string] => ['seeded backup code', code]),
      ['M2M secret', h.emu.m2mAppSecret],
    ];
    const statuses: Record<string, number> = {};
    const call = async (name: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
      const res = await h.t.inject({ method, url, headers: bearer(me.token, headers), payload: payload as string | undefined });
      statuses[name] = res.statusCode;
      return res;
    };
    const json = <T>(res: { json(): unknown }) => res.json() as T;

    // Verification by password, then by an e-mail code (a wrong try first).
    const byPassword = json<{ verificationId: string }>(await call('verify password', 'POST', '/me/verifications/password', { password: me.password }));
    secrets.push(['verification id', byPassword.verificationId]);
    await call('verify wrong password', 'POST', '/me/verifications/password', { password: 'Wrong-Passw0rd-Guess' });
    secrets.push(['wrong password', 'Wrong-Passw0rd-Guess']);
    const byCode = json<{ verificationId: string }>(await call('start code verification', 'POST', '/me/verifications/code', { channel: 'email' }));
    const verificationCode = h.emu.lastCode(me.email) as string;
    secrets.push(['verification id', byCode.verificationId], ['verification code', verificationCode]);
    await call('verify wrong code', 'POST', `/me/verifications/${byCode.verificationId}/verify`, { code: '000000' === verificationCode ? '111111' : '000000' });
    await call('verify code', 'POST', `/me/verifications/${byCode.verificationId}/verify`, { code: verificationCode });
    // A credential change revokes every record obtained before it (issue 18, item 5): each change gets a fresh one.
    const stepUps = [byPassword.verificationId];
    const fresh = async () => {
      const id = stepUps.shift() ?? (await grantStepUp(h.t, me.userId));
      secrets.push(['verification id', id]);
      return { 'verification-id': id };
    };

    // E-mail and phone changes.
    const newEmail = `hygiene.${me.userId}@example.com`;
    clock.advance(61_000);
    await call('send email code', 'POST', '/me/email/verification-code', { email: newEmail }, await fresh());
    const emailCode = h.emu.lastCode(newEmail) as string;
    secrets.push(['email code', emailCode]);
    await call('change email', 'PUT', '/me/email', { email: newEmail, code: emailCode }, await fresh());
    const newPhone = '15557654321';
    await call('send phone code', 'POST', '/me/phone/verification-code', { phone: newPhone }, await fresh());
    const phoneCode = h.emu.lastCode(newPhone) as string;
    secrets.push(['phone code', phoneCode]);
    await call('change phone', 'PUT', '/me/phone', { phone: newPhone, code: phoneCode }, await fresh());

    // Password set, twice with the same Idempotency-Key (the second is a replay).
    const newPassword = 'A-New-Hygienic-Passw0rd!';
    secrets.push(['new password', newPassword]);
    await call('set password', 'PUT', '/me/password', { password: newPassword }, { ...(await fresh()), 'idempotency-key': 'hygiene-password-1' });
    await call('set password (replay)', 'PUT', '/me/password', { password: newPassword }, { ...(await fresh()), 'idempotency-key': 'hygiene-password-1' });

    // TOTP: remove the seeded factor, enroll a new one (a wrong code first), confirm; new backup codes, retried.
    await call('remove totp', 'DELETE', `/me/mfa/${me.totpFactorId}`, undefined, await fresh());
    const enrollment = json<{ enrollmentId: string; secret: string }>(await call('start totp enrollment', 'POST', '/me/mfa/totp/enrollment'));
    secrets.push(['TOTP secret', enrollment.secret], ['enrollment id', enrollment.enrollmentId]);
    const goodTotp = totpCode(enrollment.secret, clock.now());
    await call('confirm totp (wrong)', 'POST', '/me/mfa/totp', { enrollmentId: enrollment.enrollmentId, code: goodTotp === '123456' ? '654321' : '123456' }, await fresh());
    await call('confirm totp', 'POST', '/me/mfa/totp', { enrollmentId: enrollment.enrollmentId, code: goodTotp }, await fresh());
    secrets.push(['TOTP code', goodTotp]);
    const backup = json<{ codes: string[] }>(await call('backup codes', 'POST', '/me/mfa/backup-codes', undefined, { ...(await fresh()), 'idempotency-key': 'hygiene-backup-1' }));
    // Backup codes are never stored for replay: the retry is told so, and shows no code.
    const replayedBackup = await call('backup codes (replay)', 'POST', '/me/mfa/backup-codes', undefined, { ...(await fresh()), 'idempotency-key': 'hygiene-backup-1' });
    expect(replayedBackup.statusCode).toBe(409);
    for (const code of backup.codes ?? []) expect(replayedBackup.body).not.toContain(code);
    for (const code of backup.codes ?? []) secrets.push(['backup code', code]);

    // Social identity link.
    const state = 'hygiene-state-0123456789abcdef';
    const providerCode = 'provider-authorization-code-hygiene-4242';
    secrets.push(['OAuth state', state], ['provider code', providerCode]);
    await call('authorization uri', 'POST', '/me/identities/social/authorization-uri', { connectorId: h.emu.connectorIds.socialConnectorId, redirectUri: REDIRECT, state });
    await call('unlink social', 'DELETE', `/me/identities/social/${me.socialTarget}`, undefined, await fresh());
    await call('link social', 'POST', '/me/identities/social', {
      connectorId: h.emu.connectorIds.socialConnectorId,
      connectorData: { code: providerCode, state, redirectUri: REDIRECT, userId: `hygiene-social-${me.userId}` },
    }, await fresh());

    // Export, then deletion.
    await call('export', 'GET', '/me/export');
    await call('delete account', 'DELETE', '/me', undefined, await fresh());

    // The flows really ran (a flow that failed early would prove nothing).
    expect(statuses).toEqual({
      'verify password': 201,
      'verify wrong password': 422,
      'start code verification': 201,
      'verify wrong code': 422,
      'verify code': 200,
      'send email code': 202,
      'change email': 200,
      'send phone code': 202,
      'change phone': 200,
      'set password': 204,
      'set password (replay)': 204,
      'remove totp': 204,
      'start totp enrollment': 201,
      'confirm totp (wrong)': 422,
      'confirm totp': 201,
      'backup codes': 201,
      'backup codes (replay)': 409,
      'authorization uri': 200,
      'unlink social': 204,
      'link social': 201,
      export: 200,
      'delete account': 204,
    });

    // Every M2M token the service presented to Logto.
    for (const request of h.emu.requests) {
      const authorization = request.headers.authorization;
      if (request.url.startsWith('/api/') && authorization?.startsWith('Bearer ')) secrets.push(['M2M token', authorization.slice('Bearer '.length)]);
    }
    expect(secrets.some(([kind]) => kind === 'M2M token')).toBe(true);

    const logs = h.t.logs();
    // Positive control: the matcher finds what is logged (user ids are, in request and audit lines).
    expect(appearsIn(logs, me.userId)).toBe(true);
    const leaked = secrets.filter(([, value]) => value && appearsIn(logs, value)).map(([kind, value]) => `${kind} (${value.slice(0, 12)}…)`);
    expect(leaked).toEqual([]);
  });
});

/** Digits-only secrets (codes) must not match inside a longer number, e.g. a timestamp. */
function appearsIn(logs: string, secret: string): boolean {
  if (/^\d+$/.test(secret)) return new RegExp(`(?<!\\d)${secret}(?!\\d)`).test(logs);
  // Tokens: a long prefix is enough to count (a truncated token in a log line is still a leak).
  return logs.includes(secret.length > 40 ? secret.slice(0, 40) : secret);
}
