import type { AuditEvent } from '../audit/audit.service.js';

/**
 * The event types of the activity feed: a small, documented set, so clients never see Logto's internal log
 * keys. Anything not listed here is left out of the feed.
 */
export const ACTIVITY_TYPES = [
  'sign_in',
  'sign_up',
  'password_reset',
  'username_changed',
  'email_changed',
  'email_removed',
  'phone_changed',
  'phone_removed',
  'password_changed',
  'mfa_added',
  'mfa_removed',
  'backup_codes_regenerated',
  'identity_linked',
  'identity_unlinked',
  'session_revoked',
  'sessions_revoked',
  'grant_revoked',
  'deletion_scheduled',
  'deletion_cancelled',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * Logto log keys shown in the feed (10-logs-by-user). One sign-in writes several entries
 * (Interaction.Create, Interaction.SignIn.Identifier.Submit, Interaction.SignIn.Submit,
 * ExchangeTokenBy.AuthorizationCode); only the `*.Submit` that completes the interaction stands for it.
 *
 * What cannot be shown: GET /api/logs?userId= returns only entries carrying `payload.userId`, and Logto sets it
 * only once it knows the user. A failed password attempt is logged as
 * Interaction.SignIn.Verification.Password.Submit without `payload.userId` (10-logs-by-application), so failed
 * sign-ins are usually missing from the feed; token refreshes and sign-outs are left out as noise.
 */
export const LOGTO_LOG_TYPES: Readonly<Record<string, ActivityType>> = {
  'Interaction.SignIn.Submit': 'sign_in',
  'Interaction.Register.Submit': 'sign_up',
  'Interaction.ForgotPassword.Submit': 'password_reset',
};

/**
 * This service's audit events shown in the feed: the changes Logto writes no log entry for (Management API
 * calls, recorded). Profile and custom-data edits are left out (not security events, and they would push the
 * rest out of the capped list); `account.deleted` has nobody left to show it to.
 */
export const AUDIT_EVENT_TYPES: Readonly<Partial<Record<AuditEvent, ActivityType>>> = {
  'username.changed': 'username_changed',
  'email.changed': 'email_changed',
  'email.removed': 'email_removed',
  'phone.changed': 'phone_changed',
  'phone.removed': 'phone_removed',
  'password.changed': 'password_changed',
  'mfa.added': 'mfa_added',
  'mfa.removed': 'mfa_removed',
  'mfa.backup_codes_regenerated': 'backup_codes_regenerated',
  'identity.linked': 'identity_linked',
  'identity.unlinked': 'identity_unlinked',
  'session.revoked': 'session_revoked',
  'sessions.revoked_all': 'sessions_revoked',
  'grant.revoked': 'grant_revoked',
  'deletion.scheduled': 'deletion_scheduled',
  'deletion.cancelled': 'deletion_cancelled',
};
