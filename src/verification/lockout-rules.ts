/**
 * The counting behind the brute-force limits of step-up verification, as pure functions so each has a fast spec
 * of its own: Logto's Management API has no such protection (it accepts the right password after any number of
 * wrong ones), so these counts are all that stands between a stolen access token and a guessed password or code.
 * The services keep the counters in the shared store, under the per-user lock; these functions decide.
 */

/** Wrong passwords per user before verification is locked, and the window they are counted in. */
export const PASSWORD_FAILURE_LIMIT = 5;
export const PASSWORD_FAILURE_WINDOW_MS = 15 * 60_000;
/** Wrong codes after which a code record is burned. */
export const CODE_FAILURE_LIMIT = 5;
/** Wrong verification codes per user, over every record, channel and route, before code entry is locked. */
export const WRONG_CODE_LIMIT = 10;
/** The window they are counted in: a fixed window that starts with the first wrong code. */
export const WRONG_CODE_WINDOW_MS = 60 * 60_000;

/**
 * Whether a counter has used up its limit. While locked even the right password or code is refused: otherwise
 * the lock would only slow guessing down. A counter that was never written counts as zero.
 */
export function isLockedOut(failures: number | undefined, limit: number): boolean {
  return (failures ?? 0) >= limit;
}

/** How many more tries a counter at `count` leaves, never negative. */
export function attemptsLeft(count: number, limit: number): number {
  return Math.max(0, limit - count);
}

/**
 * The `Retry-After` of a lockout, in whole seconds, at least 1: the counter's remaining lifetime, or the whole
 * window when the store cannot say (a counter without expiry would otherwise answer "retry now").
 */
export function lockoutRetryAfter(remainingMs: number | undefined, windowMs: number): string {
  return String(Math.max(1, Math.ceil((remainingMs ?? windowMs) / 1000)));
}

/**
 * Whether the wrong code just counted (the user's `count`-th in the window) is the one that locks code entry:
 * reported once per lockout, not for every refused try after it.
 */
export function locksCodeEntryNow(count: number): boolean {
  return count === WRONG_CODE_LIMIT;
}

/** Whether a code record has used up its tries: it answers as gone, even to the right code. */
export function isBurnedRecord(failedAttempts: number): boolean {
  return failedAttempts >= CODE_FAILURE_LIMIT;
}

/**
 * One more wrong code on a record that had `failedAttempts`: the record's new count, whether it is now burned,
 * and the tries left to the client, the lower of the record's and the user's (`leftForUser`, from the per-user
 * counter) so that the client is never told it has more than it really has.
 */
export function wrongCodeOnRecord(failedAttempts: number, leftForUser: number): { failedAttempts: number; burned: boolean; remainingAttempts: number } {
  const next = failedAttempts + 1;
  return { failedAttempts: next, burned: isBurnedRecord(next), remainingAttempts: Math.min(leftForUser, attemptsLeft(next, CODE_FAILURE_LIMIT)) };
}
