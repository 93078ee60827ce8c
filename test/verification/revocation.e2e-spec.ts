import { Clock } from '../../src/common/clock.js';
import { totpCode } from '../mfa/mfa-test-support.js';
import { bearer, expectProblem, grantStepUp, tokenFor, useEmulatorApp } from '../support/test-app.js';

const PASSWORD = 'Correct-Horse-42';

/**
 * Issue 18, item 5: a password, email, phone or MFA change, or a sign-out everywhere, revokes every other
 * verification record of the user. Each test holds two verified records, makes the change with the first, and
 * then tries a step-up route with the second, which was good a moment before.
 */
describe('verification records are revoked by credential changes', () => {
  const h = useEmulatorApp();
  let userId: string;
  let token: string;
  let used: string;
  let other: string;

  beforeEach(async () => {
    userId = h.emu.seedUser({ username: `u${Math.random().toString(36).slice(2, 10)}`, password: PASSWORD, primaryEmail: null, primaryPhone: null }).id;
    token = await tokenFor(h.emu, userId);
    used = await grantStepUp(h.t, userId);
    other = await grantStepUp(h.t, userId);
  });

  /** A step-up route whose preconditions pass: a strong new password. */
  const changePasswordWith = (verificationId: string) =>
    h.t.inject({ method: 'PUT', url: '/me/password', headers: bearer(token, { 'verification-id': verificationId }), payload: { password: 'Another-Strong-93' } });

  const expectRevoked = async (...records: string[]) => {
    for (const record of records) expectProblem(await changePasswordWith(record), 403, 'verification.required');
  };

  it('the other record works before any change (control)', async () => {
    expect((await changePasswordWith(other)).statusCode).toBe(204);
  });

  it('PUT /me/password revokes the other record (a username change with it is refused too)', async () => {
    expect((await changePasswordWith(used)).statusCode).toBe(204);
    const rename = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token, { 'verification-id': other }), payload: { username: 'renamed_after' } });
    expectProblem(rename, 403, 'verification.required');
    await expectRevoked(other, used);
  });

  it.each([
    ['email', 'new.address@example.com', 'new.address@example.com'],
    ['phone', '+15550109999', '15550109999'],
  ])('PUT /me/%s revokes the other record', async (key, input, address) => {
    const headers = bearer(token, { 'verification-id': used });
    expect((await h.t.inject({ method: 'POST', url: `/me/${key}/verification-code`, headers, payload: { [key]: input } })).statusCode).toBe(202);
    // Sending a code changes nothing: the records still work.
    const code = h.emu.lastCode(address);
    const changed = await h.t.inject({ method: 'PUT', url: `/me/${key}`, headers, payload: { [key]: input, code } });
    expect(changed.statusCode).toBe(200);
    await expectRevoked(other);
  });

  it.each([
    ['email', { primaryEmail: 'old.address@example.com' }],
    ['phone', { primaryPhone: '15550108888' }],
  ])('DELETE /me/%s revokes the other record', async (key, contact) => {
    const holder = h.emu.seedUser({ username: `c${Math.random().toString(36).slice(2, 10)}`, password: PASSWORD, primaryEmail: null, primaryPhone: null, ...contact });
    token = await tokenFor(h.emu, holder.id);
    const [first, second] = [await grantStepUp(h.t, holder.id), await grantStepUp(h.t, holder.id)];
    expect((await h.t.inject({ method: 'DELETE', url: `/me/${key}`, headers: bearer(token, { 'verification-id': first }) })).statusCode).toBe(204);
    await expectRevoked(second);
  });

  it('confirming an authenticator app (POST /me/mfa/totp) revokes the other record', async () => {
    const started = await h.t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers: bearer(token) });
    expect(started.statusCode).toBe(201);
    const { enrollmentId, secret } = started.json() as { enrollmentId: string; secret: string };
    const code = totpCode(secret, h.t.app.get(Clock).now());
    const confirmed = await h.t.inject({ method: 'POST', url: '/me/mfa/totp', headers: bearer(token, { 'verification-id': used }), payload: { enrollmentId, code } });
    expect(confirmed.statusCode).toBe(201);
    await expectRevoked(other);
  });

  it('removing an MFA factor (DELETE /me/mfa/{id}) revokes the other record', async () => {
    const factor = h.emu.addMfaVerification(userId, { type: 'Totp' });
    expect((await h.t.inject({ method: 'DELETE', url: `/me/mfa/${factor.id}`, headers: bearer(token, { 'verification-id': used }) })).statusCode).toBe(204);
    await expectRevoked(other);
  });

  it('generating backup codes (POST /me/mfa/backup-codes) revokes the other record', async () => {
    h.emu.addMfaVerification(userId, { type: 'Totp' });
    expect((await h.t.inject({ method: 'POST', url: '/me/mfa/backup-codes', headers: bearer(token, { 'verification-id': used }) })).statusCode).toBe(201);
    await expectRevoked(other);
  });

  it('signing out everywhere (DELETE /me/sessions) revokes the other record', async () => {
    h.emu.addSession(userId);
    expect((await h.t.inject({ method: 'DELETE', url: '/me/sessions', headers: bearer(token, { 'verification-id': used }) })).statusCode).toBe(204);
    await expectRevoked(other);
  });

  it('a failed change revokes nothing', async () => {
    const weak = await h.t.inject({ method: 'PUT', url: '/me/password', headers: bearer(token, { 'verification-id': used }), payload: { password: 'abc' } });
    expectProblem(weak, 422, 'password.rejected');
    expect((await changePasswordWith(other)).statusCode).toBe(204);
  });
});
