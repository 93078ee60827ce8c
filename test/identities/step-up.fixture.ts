import { randomBytes } from 'node:crypto';
import { Clock } from '../../src/common/clock.js';
import { SharedStore } from '../../src/store/shared-store.js';
import { verificationKey, type VerificationRecord } from '../../src/verification/verification-record.js';
import type { TestApp } from '../support/test-app.js';

/**
 * A verified step-up record of `userId`, put straight into the shared store the way the verification routes
 * leave one, so these tests exercise only the routes that require it. Returns the Verification-Id value.
 */
export async function verifiedStepUp(t: TestApp, userId: string): Promise<string> {
  const now = t.app.get(Clock).now();
  const record: VerificationRecord = {
    id: randomBytes(32).toString('base64url'),
    userId,
    method: 'password',
    status: 'verified',
    createdAt: now,
    expiresAt: now + 600_000,
    failedAttempts: 0,
  };
  await t.app.get(SharedStore).set(verificationKey(record.id), record, 600_000);
  return record.id;
}

/** The audit lines of one event, as logged. */
export function auditLines(t: TestApp, event: string): Array<Record<string, unknown>> {
  return t.logLines().filter((line) => line.audit === true && line.event === event);
}
