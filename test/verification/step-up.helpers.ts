/**
 * @deprecated The step-up harness is now the one test harness (test/support/test-app.ts): use
 * `startEmulatorApp({ clock: new ManualClock(), env })` for `startHarness(env)`, `EmulatorApp<ManualClock>` for
 * `StepUpHarness`, and import `auth`, `verifyByPassword`, `verifyByCode`, `wrongCode`, `expectNotLogged` and
 * `managementToken(h.emu)` from test/support/test-app.ts. These names stay for tests written against them.
 */
import { ManualClock } from '../../src/common/clock.js';
import { managementToken as emulatorManagementToken, startEmulatorApp, type RunningEmulatorApp } from '../support/test-app.js';

export { auth, expectNotLogged, verifyByCode, verifyByPassword, wrongCode } from '../support/test-app.js';

/** @deprecated `RunningEmulatorApp<ManualClock>`. */
export type StepUpHarness = RunningEmulatorApp<ManualClock>;

/** @deprecated `startEmulatorApp({ clock: new ManualClock(), env })`. */
export function startHarness(env: Record<string, string> = {}): Promise<StepUpHarness> {
  return startEmulatorApp({ clock: new ManualClock(), env });
}

/** @deprecated `managementToken(h.emu)` from test/support/test-app.ts. */
export function managementToken(h: StepUpHarness): Promise<string> {
  return emulatorManagementToken(h.emu);
}
