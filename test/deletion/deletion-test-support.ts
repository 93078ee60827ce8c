import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import type { Clock } from '../../src/common/clock.js';
import { tokenOnClock } from '../support/test-app.js';


const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * A user token that outlives the ManualClock moves of these tests (the verifier reads the app's clock). It lives
 * a year: the apps of these tests must accept such a lifetime (`LONG_LIVED_TOKENS_ENV`).
 */
export function longLivedToken(emu: LogtoEmulator, userId: string, clock: Clock): Promise<string> {
  return tokenOnClock(emu, userId, clock, { ttlSeconds: YEAR_SECONDS });
}

/** JWT_MAX_AGE_SECONDS for apps that accept `longLivedToken`s (the default refuses lifetimes over a day). */
export const LONG_LIVED_TOKENS_ENV = { JWT_MAX_AGE_SECONDS: String(YEAR_SECONDS) };

/** Waits for something another request makes happen (e.g. the emulator receiving a call); fails after 5 s. */
export async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
