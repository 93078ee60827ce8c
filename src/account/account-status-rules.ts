/**
 * The suspension decisions as pure functions, so each has a fast spec of its own: what a status read from Logto
 * means, when the status cached in the shared store is trusted and when a fresh read of the user decides, and
 * what a Management API call of a checked request may do. AccountStateGuard and AccountStateService apply them.
 */
import type { LogtoUser } from '../logto/logto.types.js';

/** What the service last learnt about an account from Logto (a read of the user, or a webhook). */
export type AccountStatus = 'active' | 'suspended' | 'deleted';

const READS = new Set(['GET', 'HEAD']);

/** POST, PUT, PATCH, DELETE (anything but a read): the status must come from a fresh read before Logto is changed. */
export function isMutatingMethod(method: string): boolean {
  return !READS.has(method);
}

/**
 * What an authenticated /me request does with the status cached when it arrives:
 * - `refuse`: a read of a suspended or deleted account is refused at once, from the cache;
 * - `read-now`: a write of such an account reads the user first, since it may have been reinstated;
 * - `prefetch`: a read with nothing cached reads the user now and hands it to the handler;
 * - `trust`: a read of an account cached as active goes ahead;
 * - `at-first-call`: a write of an account not known to be unusable is checked by a fresh read at its first
 *   Logto call (the handler's own read of the caller when that comes first).
 */
export type ArrivalDecision = 'refuse' | 'read-now' | 'prefetch' | 'trust' | 'at-first-call';

export function onArrival(cached: AccountStatus | undefined, mutating: boolean): ArrivalDecision {
  if (cached === 'suspended' || cached === 'deleted') return mutating ? 'read-now' : 'refuse';
  if (mutating) return 'at-first-call';
  return cached === undefined ? 'prefetch' : 'trust';
}

/** What a fresh read of the user says: only Logto's `isSuspended: true` suspends (a missing flag does not). */
export function statusOfUser(user: Pick<LogtoUser, 'isSuspended'>): Exclude<AccountStatus, 'deleted'> {
  return user.isSuspended === true ? 'suspended' : 'active';
}

/**
 * Whether a fresh read that found the account active is shared, and how. Nothing to share when the cache
 * already said active. It replaces a cached suspension or deletion (reinstated: writes work at once, reads
 * follow), but with nothing cached it must not overwrite: a read that started before a webhook delivery must
 * not undo the suspension the delivery has just recorded.
 */
export function shareFreshActive(cached: AccountStatus | undefined): { share: false } | { share: true; overwrite: boolean } {
  if (cached === 'active') return { share: false };
  return { share: true, overwrite: cached !== undefined };
}

/** The state of one request's check that decides its Management API calls. */
export interface CallCheck {
  readonly userId: string;
  readonly mutating: boolean;
  readonly checked: boolean;
  readonly refused: boolean;
  /** A fresh read of the user for this request is under way. */
  readonly checking?: boolean;
}

/**
 * What one Management API call of a checked request does:
 * - `refuse`: the request's check has refused it, so nothing more reaches Logto;
 * - `read-caller`: a read of the caller's own user, which is watched (it may show a suspension or deletion);
 * - `read-caller-custom-data`: a write's first read of the caller's custom data, before any check started: the
 *   check's fresh read of the user carries the custom data too, so that one read answers both;
 * - `check-first`: a write not yet checked waits for a fresh read of the user before this call;
 * - `call`: anything else goes ahead.
 */
export type CallDecision = 'refuse' | 'read-caller' | 'read-caller-custom-data' | 'check-first' | 'call';

export function beforeCall(check: CallCheck, method: string, args: readonly unknown[]): CallDecision {
  if (check.refused) return 'refuse';
  if (method === 'getUser' && args[0] === check.userId) return 'read-caller';
  if (check.mutating && !check.checked) {
    return method === 'getCustomData' && args[0] === check.userId && !check.checking ? 'read-caller-custom-data' : 'check-first';
  }
  return 'call';
}

/** What an unusable status answers: a suspension 403 account.suspended, a deletion 404 account.not_found. */
export function refusalOf(status: Exclude<AccountStatus, 'active'>): { code: 'account.suspended' | 'account.not_found'; detail: string } {
  return status === 'suspended'
    ? { code: 'account.suspended', detail: 'An administrator suspended this account; it cannot be used until it is reinstated.' }
    : { code: 'account.not_found', detail: 'The account in the access token no longer exists.' };
}
