import type { LogtoEmulator } from '../../src/emulator/index.js';
import { READ_WRITE_SCOPES, TEST_AUDIENCE } from '../support/test-app.js';


/** A user token that outlives the ManualClock moves of these tests (the verifier reads the app's clock). */
export function longLivedToken(emu: LogtoEmulator, userId: string): Promise<string> {
  return emu.mintUserToken({ sub: userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE, ttlSeconds: 400 * 24 * 3600 });
}

/** Waits for something another request makes happen (e.g. the emulator receiving a call); fails after 5 s. */
export async function waitUntil(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
