import { ManualClock } from '../../src/common/clock.js';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { managementToken as emulatorManagementToken, startEmulatorApp, tokenOnClock, type TestApp } from '../support/test-app.js';

/** An app on a ManualClock against a fresh emulator. Tokens live a day, so moving the clock by hours keeps them valid. */
export interface StepUpHarness {
  emu: LogtoEmulator;
  t: TestApp;
  clock: ManualClock;
  token(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<StepUpHarness> {
  const clock = new ManualClock();
  const { emu, t, close } = await startEmulatorApp({ clock, env });
  return {
    emu,
    t,
    clock,
    token: (userId) => tokenOnClock(emu, userId, clock, { ttlSeconds: 86_400 }),
    close,
  };
}

export const auth = (token: string, verificationId?: string): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(verificationId ? { 'verification-id': verificationId } : {}),
});

/** A verified password record. */
export async function verifyByPassword(h: StepUpHarness, token: string, password: string): Promise<string> {
  const res = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: auth(token), payload: { password } });
  expect(res.statusCode).toBe(201);
  return (res.json() as { verificationId: string }).verificationId;
}

/** A verified code record: sends the code, reads it from the emulator outbox, verifies it. */
export async function verifyByCode(h: StepUpHarness, token: string, channel: 'email' | 'phone', to: string): Promise<string> {
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

/** A code that is certainly not the one sent (Logto codes are 6 digits). */
export const wrongCode = (code: string | undefined): string => (code === '000000' ? '111111' : '000000');

/**
 * Secrets must never reach a log line. A secret that is undefined or empty fails the test rather than being
 * skipped: it means the test lost track of the value it meant to check (e.g. no code was sent), and a check
 * of nothing would pass whatever the logs hold.
 */
export function expectNotLogged(t: TestApp, secrets: Array<string | undefined>): void {
  const logs = t.logs();
  secrets.forEach((secret, index) => {
    if (secret === undefined || secret === '') throw new Error(`expectNotLogged: secret #${index} is ${JSON.stringify(secret)}, not a value to look for`);
    expect(logs).not.toContain(secret);
  });
}


/** A Management API token, for changing Logto the way an admin or another app of the tenant would. */
export function managementToken(h: StepUpHarness): Promise<string> {
  return emulatorManagementToken(h.emu);
}
