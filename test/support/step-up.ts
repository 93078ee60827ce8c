import { randomBytes } from 'node:crypto';
import { Clock } from '../../src/common/clock.js';
import { SharedStore } from '../../src/store/shared-store.js';
import { verificationEpochKey, verificationKey, type VerificationRecord } from '../../src/verification/verification-record.js';
import type { EmulatorApp, TestApp } from './test-app.js';

/** `authorization` for the token, plus `verification-id` when a step-up record is given. */
export const auth = (token: string, verificationId?: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(verificationId ? { 'verification-id': verificationId } : {}),
});

/** A verified password record, obtained through the route a client uses. */
export async function verifyByPassword(h: EmulatorApp, token: string, password: string): Promise<string> {
  const res = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: auth(token), payload: { password } });
  expect(res.statusCode).toBe(201);
  return (res.json() as { verificationId: string }).verificationId;
}

/** A verified code record: sends the code, reads it from the emulator outbox, verifies it. */
export async function verifyByCode(h: EmulatorApp, token: string, channel: 'email' | 'phone', to: string): Promise<string> {
  const sent = await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: auth(token), payload: { channel } });
  expect(sent.statusCode).toBe(201);
  const { verificationId } = sent.json() as { verificationId: string };
  const code = h.emu.lastCode(to);
  const verified = await h.t.inject({
    method: 'POST',
    url: `/me/verifications/${verificationId}/verify`,
    headers: auth(token),
    payload: { code },
  });
  expect(verified.statusCode).toBe(200);
  return verificationId;
}

/**
 * Puts a verified step-up record for the user straight into the app's shared store, the way the verification
 * routes leave one, and returns its id: for tests of routes that need `Verification-Id` but are not about how
 * the record was obtained (the verification routes have their own tests).
 */
export async function grantStepUp(t: TestApp, userId: string, method: VerificationRecord['method'] = 'password'): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = t.app.get(Clock).now();
  const store = t.app.get(SharedStore);
  const epoch = await store.get<string>(verificationEpochKey(userId));
  const record: VerificationRecord = { id, userId, method, status: 'verified', createdAt: now, expiresAt: now + 600_000, failedAttempts: 0, epoch };
  await store.set(verificationKey(id), record, 600_000);
  return id;
}

/** A code that is certainly not the one sent (Logto codes are 6 digits). */
export const wrongCode = (code: string | undefined): string => (code === '000000' ? '111111' : '000000');
