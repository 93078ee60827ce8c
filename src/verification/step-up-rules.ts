/**
 * The step-up decisions as pure functions, so each has a fast spec of its own: whether a stored verification
 * record may be used by this user now, and which methods a user can verify with.
 */
import type { LogtoUser } from '../logto/logto.types.js';
import type { VerificationMethod, VerificationRecord } from './verification-record.js';

/**
 * Whether a stored record is this user's, unexpired and of the user's current revocation epoch. Another user's
 * record is treated exactly like a missing one: ids are not a way to probe accounts. An absent epoch means no
 * revocation is recent enough to matter: the epoch key outlives every record created before it (see
 * StepUpService.revokeAll).
 */
export function isUsableRecord(
  record: Pick<VerificationRecord, 'userId' | 'expiresAt' | 'epoch'> | undefined,
  userId: string,
  epoch: string | undefined,
  now: number,
): boolean {
  if (!record || record.userId !== userId || record.expiresAt <= now) return false;
  return epoch === undefined || record.epoch === epoch;
}

/**
 * The step-up methods a user can use right now; re-authentication (a new sign-in at Logto) is offered to anyone
 * when it is enabled, also to a user with nothing but a social or SSO identity.
 */
export function availableStepUpMethods(
  user: Pick<LogtoUser, 'hasPassword' | 'primaryEmail' | 'primaryPhone'>,
  reauthenticationEnabled: boolean,
): VerificationMethod[] {
  const methods: VerificationMethod[] = [];
  if (user.hasPassword) methods.push('password');
  if (user.primaryEmail) methods.push('email');
  if (user.primaryPhone) methods.push('phone');
  if (reauthenticationEnabled) methods.push('reauthentication');
  return methods;
}
