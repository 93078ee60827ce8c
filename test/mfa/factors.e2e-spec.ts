import { ManualClock } from '../../src/common/clock.js';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, TEST_AUDIENCE, useEmulatorApp, auditLines, grantStepUp } from '../support/test-app.js';


const BACKUP_CODE = /^[0-9a-f]{10}$/;

describe('MFA factors and backup codes (/me/mfa)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 3, 51, 10));
  const h = useEmulatorApp({ clock, emulatorOptions: { now: () => clock.now() } });

  afterEach(() => h.emu.clearFaults());

  async function newUser(fields: Parameters<LogtoEmulator['seedUser']>[0] = { username: 'ada', password: 'correct horse' }) {
    const user = h.emu.seedUser(fields);
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: ['account:read', 'account:write'], audience: TEST_AUDIENCE });
    const headers = bearer(token);
    const stepUp = async () => ({ ...headers, 'verification-id': await grantStepUp(h.t, user.id) });
    return { user, headers, stepUp };
  }

  const factorsOf = (userId: string) => h.emu.state.mfaOf(userId);
  const backupSetsOf = (userId: string) => factorsOf(userId).filter((factor) => factor.type === 'BackupCode');
  const storedCodes = (userId: string) => backupSetsOf(userId).flatMap((set) => (set.codes ?? []).map((entry) => entry.code));
  const generate = (headers: Record<string, string>) => h.t.inject({ method: 'POST', url: '/me/mfa/backup-codes', headers });
  const status = async (headers: Record<string, string>) => (await h.t.inject({ method: 'GET', url: '/me/mfa/backup-codes', headers })).json();
  const remove = (headers: Record<string, string>, id: string) => h.t.inject({ method: 'DELETE', url: `/me/mfa/${id}`, headers });

  describe('GET /me/mfa', () => {
    it('lists every factor without secrets or codes', async () => {
      const { user, headers } = await newUser();
      const totp = h.emu.addMfaVerification(user.id, { type: 'Totp', createdAt: '2026-11-01T10:00:00.000Z' });
      const passkey = h.emu.addMfaVerification(user.id, { type: 'WebAuthn', name: 'MacBook Touch ID', agent: 'Safari', createdAt: '2026-11-02T10:00:00.000Z' });
      const codes = Array.from({ length: 10 }, (_, i) => `c0de00000${i}`);
      const backup = h.emu.addMfaVerification(user.id, { type: 'BackupCode', codes, usedCodes: codes.slice(0, 3), createdAt: '2026-11-03T10:00:00.000Z' });

      const res = await h.t.inject({ method: 'GET', url: '/me/mfa', headers });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        items: [
          { id: totp.id, type: 'totp', createdAt: '2026-11-01T10:00:00.000Z' },
          { id: passkey.id, type: 'webauthn', createdAt: '2026-11-02T10:00:00.000Z', name: 'MacBook Touch ID', agent: 'Safari' },
          { id: backup.id, type: 'backup_code', createdAt: '2026-11-03T10:00:00.000Z', remainingCodes: 7 },
        ],
      });
      expect(res.body).not.toContain(totp.key);
      for (const code of codes) expect(res.body).not.toContain(code);
    });

    it('is empty for an account without MFA', async () => {
      const { headers } = await newUser();
      expect((await h.t.inject({ method: 'GET', url: '/me/mfa', headers })).json()).toEqual({ items: [] });
    });
  });

  describe('backup codes', () => {
    it('refuses backup codes as the only factor with 409 mfa.backup_codes_need_factor, before asking for step-up', async () => {
      const { headers, stepUp } = await newUser();
      const before = h.emu.stateDigest();
      expectProblem(await generate(headers), 409, 'mfa.backup_codes_need_factor');
      expectProblem(await generate(await stepUp()), 409, 'mfa.backup_codes_need_factor');
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('needs step-up: 403 verification.required and nothing generated', async () => {
      const { user, headers } = await newUser();
      h.emu.addMfaVerification(user.id, { type: 'Totp' });
      const before = h.emu.stateDigest();
      expect(expectProblem(await generate(headers), 403, 'verification.required').methods).toEqual(['password']);
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('generates 10 codes once (no-store), bound in Logto as shown, counted but never shown again', async () => {
      const { user, headers, stepUp } = await newUser();
      h.emu.addMfaVerification(user.id, { type: 'Totp' });
      expect(await status(headers)).toEqual({ total: 0, remaining: 0 });

      const res = await generate(await stepUp());
      expect(res.statusCode).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const { codes } = res.json() as { codes: string[] };
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(BACKUP_CODE);
      expect(new Set(codes).size).toBe(10);
      expect(storedCodes(user.id)).toEqual(codes);

      const counted = await h.t.inject({ method: 'GET', url: '/me/mfa/backup-codes', headers });
      expect(counted.json()).toEqual({ total: 10, remaining: 10 });
      for (const code of codes) expect(counted.body).not.toContain(code);
      expect(auditLines(h.t, 'mfa.backup_codes_regenerated').filter((line) => line.userId === user.id)).toEqual([
        expect.objectContaining({ details: { replaced: false } }),
      ]);
      for (const code of codes) expect(h.t.logs()).not.toContain(code);
    });

    it('counts used codes', async () => {
      const { user, headers } = await newUser();
      h.emu.addMfaVerification(user.id, { type: 'Totp' });
      const codes = Array.from({ length: 10 }, (_, i) => `abcdef000${i}`);
      h.emu.addMfaVerification(user.id, { type: 'BackupCode', codes, usedCodes: codes.slice(0, 4) });
      expect(await status(headers)).toEqual({ total: 10, remaining: 6 });
    });

    it('regenerating replaces the old set: the old codes stop working, one set remains', async () => {
      const { user, headers, stepUp } = await newUser();
      h.emu.addMfaVerification(user.id, { type: 'WebAuthn', name: 'YubiKey' });
      const first = (await generate(await stepUp())).json().codes as string[];
      const res = await generate(await stepUp());
      expect(res.statusCode).toBe(201);
      const second = res.json().codes as string[];
      expect(second.some((code) => first.includes(code))).toBe(false);
      expect(backupSetsOf(user.id)).toHaveLength(1);
      expect(storedCodes(user.id)).toEqual(second);
      expect(await status(headers)).toEqual({ total: 10, remaining: 10 });
      expect(auditLines(h.t, 'mfa.backup_codes_regenerated').filter((line) => line.userId === user.id).at(-1)).toMatchObject({
        details: { replaced: true },
      });
    });

    it('survives a Logto failure between removing the old set and storing the new one (retried with the same codes)', async () => {
      const { user, stepUp } = await newUser();
      h.emu.addMfaVerification(user.id, { type: 'Totp' });
      h.emu.addMfaVerification(user.id, { type: 'BackupCode' });
      const path = `/api/users/${user.id}/mfa-verifications`;
      h.emu.setFault({ match: path, methods: ['POST'], status: 503, times: 2 });

      const res = await generate(await stepUp());
      expect(res.statusCode).toBe(201);
      const { codes } = res.json() as { codes: string[] };
      expect(storedCodes(user.id)).toEqual(codes);
      const posts = h.emu.requests.filter((r) => r.method === 'POST' && r.url.startsWith(path));
      expect(posts.length).toBeGreaterThanOrEqual(3);
    });

    it('says the old codes are gone when Logto keeps failing after removing them; asking again recovers', async () => {
      const { user, headers, stepUp } = await newUser();
      h.emu.addMfaVerification(user.id, { type: 'Totp' });
      h.emu.addMfaVerification(user.id, { type: 'BackupCode' });
      h.emu.setFault({ match: `/api/users/${user.id}/mfa-verifications`, methods: ['POST'], status: 503 });

      const failed = await generate(await stepUp());
      expect(expectProblem(failed, 502, 'upstream.unavailable')).toMatchObject({ backupCodesRemoved: true });
      expect(await status(headers)).toEqual({ total: 0, remaining: 0 });

      h.emu.clearFaults();
      const retried = await generate(await stepUp());
      expect(retried.statusCode).toBe(201);
      expect(storedCodes(user.id)).toEqual(retried.json().codes);
    });

    it('keeps the old codes when removing them fails', async () => {
      const { user, stepUp } = await newUser();
      h.emu.addMfaVerification(user.id, { type: 'Totp' });
      const old = h.emu.addMfaVerification(user.id, { type: 'BackupCode' });
      h.emu.setFault({ match: `/api/users/${user.id}/mfa-verifications/${old.id}`, methods: ['DELETE'], status: 500 });
      const before = h.emu.stateDigest();

      expectProblem(await generate(await stepUp()), 502, 'upstream.unavailable');
      expect(h.emu.stateDigest()).toBe(before);
      expect(backupSetsOf(user.id)).toEqual([expect.objectContaining({ id: old.id })]);
    });
  });

  describe('DELETE /me/mfa/{factorId}', () => {
    it('removes the last real factor and its now useless backup codes: 204, one audit line', async () => {
      const { user, headers, stepUp } = await newUser();
      const totp = h.emu.addMfaVerification(user.id, { type: 'Totp' });
      h.emu.addMfaVerification(user.id, { type: 'BackupCode' });
      const res = await remove(await stepUp(), totp.id);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(factorsOf(user.id)).toEqual([]);
      expect((await h.t.inject({ method: 'GET', url: '/me/mfa', headers })).json()).toEqual({ items: [] });
      expect(auditLines(h.t, 'mfa.removed').filter((line) => line.userId === user.id)).toEqual([
        expect.objectContaining({ details: { type: 'totp', backupCodesRemoved: true } }),
      ]);
    });

    it('keeps the backup codes while another real factor remains', async () => {
      const { user, stepUp } = await newUser();
      const totp = h.emu.addMfaVerification(user.id, { type: 'Totp' });
      const passkey = h.emu.addMfaVerification(user.id, { type: 'WebAuthn', name: 'Phone' });
      const backup = h.emu.addMfaVerification(user.id, { type: 'BackupCode' });
      expect((await remove(await stepUp(), totp.id)).statusCode).toBe(204);
      expect(factorsOf(user.id).map((factor) => factor.id)).toEqual([passkey.id, backup.id]);

      // The passkey is now the last real factor: it takes the backup codes with it.
      expect((await remove(await stepUp(), passkey.id)).statusCode).toBe(204);
      expect(factorsOf(user.id)).toEqual([]);
    });

    it('removes just the backup code set when asked', async () => {
      const { user, stepUp } = await newUser();
      const totp = h.emu.addMfaVerification(user.id, { type: 'Totp' });
      const backup = h.emu.addMfaVerification(user.id, { type: 'BackupCode' });
      expect((await remove(await stepUp(), backup.id)).statusCode).toBe(204);
      expect(factorsOf(user.id).map((factor) => factor.id)).toEqual([totp.id]);
      expect(auditLines(h.t, 'mfa.removed').filter((line) => line.userId === user.id)).toEqual([
        expect.objectContaining({ details: { type: 'backup_code', backupCodesRemoved: false } }),
      ]);
    });

    it("answers 404 mfa.not_found for another user's factor and for an unknown id, even after step-up, touching nothing", async () => {
      const ada = await newUser();
      const bob = await newUser({ username: 'bob', password: 'pw' });
      const bobsTotp = h.emu.addMfaVerification(bob.user.id, { type: 'Totp' });
      const before = h.emu.stateDigest();
      expectProblem(await remove(ada.headers, bobsTotp.id), 404, 'mfa.not_found');
      expectProblem(await remove(await ada.stepUp(), bobsTotp.id), 404, 'mfa.not_found');
      expectProblem(await remove(await ada.stepUp(), 'doesnotexist'), 404, 'mfa.not_found');
      expect(h.emu.stateDigest()).toBe(before);
      expect(h.emu.requests.some((r) => r.method === 'DELETE' && r.url.includes(bobsTotp.id))).toBe(false);
    });

    it('needs step-up: 403 verification.required, nothing removed', async () => {
      const { user, headers } = await newUser();
      const totp = h.emu.addMfaVerification(user.id, { type: 'Totp' });
      const before = h.emu.stateDigest();
      expectProblem(await remove(headers, totp.id), 403, 'verification.required');
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('answers 204 when the leftover backup codes cannot be removed: the factor asked for is gone, the set stays listed', async () => {
      const { user, headers, stepUp } = await newUser();
      const totp = h.emu.addMfaVerification(user.id, { type: 'Totp' });
      const backup = h.emu.addMfaVerification(user.id, { type: 'BackupCode' });
      h.emu.setFault({ match: `/api/users/${user.id}/mfa-verifications/${backup.id}`, methods: ['DELETE'], status: 500 });
      expect((await remove(await stepUp(), totp.id)).statusCode).toBe(204);
      h.emu.clearFaults();
      const list = (await h.t.inject({ method: 'GET', url: '/me/mfa', headers })).json();
      expect(list.items).toEqual([expect.objectContaining({ id: backup.id, type: 'backup_code' })]);
    });
  });
});
