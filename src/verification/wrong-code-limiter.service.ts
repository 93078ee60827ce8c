import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import { verificationLockouts } from '../observability/metrics.js';
import { SharedStore } from '../store/shared-store.js';
import { attemptsLeft, isLockedOut, lockoutRetryAfter, locksCodeEntryNow, WRONG_CODE_LIMIT, WRONG_CODE_WINDOW_MS } from './lockout-rules.js';

export { WRONG_CODE_LIMIT, WRONG_CODE_WINDOW_MS } from './lockout-rules.js';

/**
 * The per-user cap on wrong verification codes. Each code record burns after five wrong codes, but records can
 * be created as fast as sends allow (five an hour per channel), so the per-record limit alone lets one account
 * try about a hundred codes in two hours. This counter spans every record and both channels, and also the codes
 * of the contact-change routes (PUT /me/email, PUT /me/phone), which Logto checks the same way. It lives in the
 * shared store, so every instance sees the same count.
 *
 * Callers check and count under the user's lock (UserLockService), so parallel guesses cannot all pass the
 * check before any of them is counted.
 */
@Injectable()
export class WrongCodeLimiter {
  private readonly logger = new Logger('Verification');

  constructor(private readonly store: SharedStore) {}

  /** Throws 429 verification.locked with Retry-After while the user has used up the wrong codes of the window. */
  async assertNotLocked(userId: string): Promise<void> {
    const key = wrongCodesKey(userId);
    if (!isLockedOut(await this.store.get<number>(key), WRONG_CODE_LIMIT)) return;
    throw new DomainError('verification.locked', 'Too many wrong verification codes. Try again later.', {
      headers: { 'retry-after': lockoutRetryAfter(await this.store.ttl(key), WRONG_CODE_WINDOW_MS) },
    });
  }

  /** Counts one wrong code; returns how many more the user may enter in this window. */
  async recordWrongCode(userId: string, method: string): Promise<number> {
    const { count } = await this.store.increment(wrongCodesKey(userId), WRONG_CODE_WINDOW_MS);
    if (locksCodeEntryNow(count)) {
      this.logger.warn({ userId }, 'code verification locked after repeated wrong codes');
      verificationLockouts.inc({ method });
    }
    return attemptsLeft(count, WRONG_CODE_LIMIT);
  }
}

const wrongCodesKey = (userId: string) => `verification-failures:code:${userId}`;
