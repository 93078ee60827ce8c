import { createHmac, randomBytes } from 'node:crypto';
import { Clock } from '../../src/common/clock.js';
import { SharedStore } from '../../src/store/shared-store.js';
import { verificationKey, type VerificationRecord } from '../../src/verification/verification-record.js';
import type { TestApp } from '../support/test-app.js';

/**
 * A verified step-up record for `userId`, written straight into the shared store the way StepUpService reads
 * it (the routes that create records belong to the verification domain and are tested there).
 */
export async function verifiedStepUp(t: TestApp, userId: string): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = t.app.get(Clock).now();
  const record: VerificationRecord = {
    id,
    userId,
    method: 'password',
    status: 'verified',
    createdAt: now,
    expiresAt: now + 600_000,
    failedAttempts: 0,
  };
  await t.app.get(SharedStore).set(verificationKey(id), record, 600_000);
  return id;
}

/** The audit lines of one event, as logged. */
export function auditLines(t: TestApp, event: string): Array<Record<string, unknown>> {
  return t.logLines().filter((line) => line.audit === true && line.event === event);
}

function base32Decode(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index === -1) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30 s) written out independently of the service's library, so the tests
 * check the service against the standard and not against itself. `stepOffset` moves by whole time steps.
 */
export function totpCode(secret: string, atMs: number, stepOffset = 0): string {
  const counter = Math.floor(atMs / 1000 / 30) + stepOffset;
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const hmac = createHmac('sha1', base32Decode(secret)).update(message).digest();
  const offset = hmac[hmac.length - 1]! & 0x0f;
  const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/** A 6-digit code that is none of the codes accepted around `atMs` (the steps -1, 0, +1). */
export function wrongCode(secret: string, atMs: number): string {
  const accepted = new Set([-1, 0, 1].map((offset) => totpCode(secret, atMs, offset)));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, '0');
    if (!accepted.has(code)) return code;
  }
}
