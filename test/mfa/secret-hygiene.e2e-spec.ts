import { ManualClock } from '../../src/common/clock.js';
import { bearer, TEST_AUDIENCE, useEmulatorApp, grantStepUp } from '../support/test-app.js';
import { totpCode, wrongCode } from './mfa-test-support.js';

describe('MFA secrets stay out of responses and logs', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 3, 51, 10));
  // The most verbose level: whatever any layer logs is in the capture.
  const h = useEmulatorApp({ clock, env: { LOG_LEVEL: 'trace', LOGTO_TIMEOUT_MS: '10000' }, emulatorOptions: { now: () => clock.now() } });

  it('shows the TOTP secret only in the enrollment response, and backup codes only in theirs', async () => {
    const user = h.emu.seedUser({ primaryEmail: 'hygiene@example.com', password: 'pw' });
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: ['account:read', 'account:write'], audience: TEST_AUDIENCE });
    const headers = bearer(token);
    const stepped = async () => ({ ...headers, 'verification-id': await grantStepUp(h.t, user.id) });
    const otherResponses: string[] = [];

    const enrollment = await h.t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers });
    const { enrollmentId, secret, otpauthUri, qrCode } = enrollment.json() as Record<string, string>;
    expect(enrollment.body).toContain(secret);

    const confirmations = [
      { enrollmentId, code: wrongCode(secret!, clock.now()) },
      { enrollmentId, code: totpCode(secret!, clock.now()) },
      { enrollmentId, code: totpCode(secret!, clock.now()) },
    ];
    for (const payload of confirmations) {
      otherResponses.push((await h.t.inject({ method: 'POST', url: '/me/mfa/totp', headers: await stepped(), payload })).body);
    }
    const generated = await h.t.inject({ method: 'POST', url: '/me/mfa/backup-codes', headers: await stepped() });
    const { codes } = generated.json() as { codes: string[] };
    expect(codes).toHaveLength(10);
    otherResponses.push((await h.t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers })).body);
    for (const url of ['/me/mfa', '/me/mfa/backup-codes', '/me/security']) {
      otherResponses.push((await h.t.inject({ method: 'GET', url, headers })).body);
    }
    const totpId = h.emu.state.mfaOf(user.id).find((factor) => factor.type === 'Totp')!.id;
    otherResponses.push((await h.t.inject({ method: 'DELETE', url: `/me/mfa/${totpId}`, headers: await stepped() })).body);

    const logs = h.t.logs();
    expect(logs).toContain('mfa.added');
    for (const text of [...otherResponses, logs]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(encodeURIComponent(otpauthUri!));
      expect(text).not.toContain(qrCode!.slice(30, 90));
      for (const code of codes) expect(text).not.toContain(code);
    }
    // The confirmation codes the user typed are not logged either.
    for (const { code } of confirmations) expect(logs).not.toMatch(new RegExp(`"${code}"`));
  });
});
