import { alias, EXTENSIONS, sometimes, type ExtensionField } from './problem-extensions.js';

/** When the deprecated aliases below go away (CHANGELOG "Deprecated" says the same). */
const ALIAS_REMOVAL = '1.0.0, not before 2027-06-30';

/**
 * Every error code this service can answer with, its HTTP status, its title and the extension members its
 * problem carries (see problem-extensions.ts). Clients branch on `code`; this table is part of the public API
 * (README "Error codes" lists it, the OpenAPI document is generated from it). Add, never rename.
 */
export const ERROR_CATALOG = {
  // Request shape
  'request.validation_failed': {
    status: 400,
    title: 'The request is not valid',
    extensions: {
      errors: sometimes(EXTENSIONS.errors, 'Present whenever the fault is in named fields (body, query, path, headers).'),
      issues: alias(EXTENSIONS.errors, 'errors', ALIAS_REMOVAL, false, 'Sent only for a bad `Idempotency-Key`.'),
    },
  },
  'request.malformed_body': { status: 400, title: 'The request body is not valid JSON' },
  'request.body_too_deep': { status: 400, title: 'The request body is nested too deeply' },
  'request.not_found': { status: 404, title: 'No such route' },
  'request.method_not_allowed': { status: 405, title: 'Method not allowed on this route' },
  'request.not_acceptable': { status: 406, title: 'Not acceptable' },
  'request.timeout': { status: 408, title: 'The request was not received in time' },
  'request.body_too_large': { status: 413, title: 'The request body is too large' },
  'request.unsupported_media_type': { status: 415, title: 'Unsupported media type' },
  'request.header_too_large': { status: 431, title: 'Request header fields too large' },
  // nginx's 499: never received (the client is gone), but it names the outcome in logs and metrics.
  'request.client_closed': { status: 499, title: 'The client closed the connection' },
  precondition_failed: { status: 412, title: 'The resource has changed' },

  // Authentication and authorization
  'auth.token_missing': { status: 401, title: 'A bearer access token is required' },
  'auth.token_invalid': { status: 401, title: 'The access token is not valid' },
  'auth.insufficient_scope': { status: 403, title: 'The access token lacks a required scope' },
  'auth.client_not_allowed': { status: 403, title: 'The application that obtained the token may not use this API' },
  'webhook.signature_invalid': { status: 401, title: 'The webhook delivery is not signed with the signing key' },

  // Account
  'account.not_found': { status: 404, title: 'The account no longer exists' },
  'account.suspended': { status: 403, title: 'The account is suspended' },
  'account.busy': { status: 409, title: 'Another change to this account is in progress' },
  'account.last_sign_in_method': { status: 409, title: 'This would leave the account with no way to sign in' },
  'username.already_in_use': { status: 409, title: 'The username is taken' },
  'username.invalid': { status: 400, title: 'The username is not valid' },
  'email.already_in_use': { status: 409, title: 'The email address is used by another account' },
  'email.invalid': { status: 400, title: 'The email address is not valid' },
  'phone.already_in_use': { status: 409, title: 'The phone number is used by another account' },
  'phone.invalid': { status: 400, title: 'The phone number is not valid' },

  // Custom data (operator-declared schema)
  'custom_data.invalid': { status: 422, title: 'The custom data does not match its schema', extensions: { errors: EXTENSIONS.errors } },
  'custom_data.read_only_field': { status: 403, title: 'This custom data field is read-only' },
  'custom_data.too_large': { status: 413, title: 'The custom data is too large' },
  'custom_data.too_deep': { status: 400, title: 'The custom data is nested too deeply' },
  'custom_data.forbidden_key': { status: 400, title: 'The custom data contains a forbidden key' },

  // Step-up verification
  'verification.required': { status: 403, title: 'This action needs a recent verification', extensions: { methods: EXTENSIONS.methods, reauthentication: EXTENSIONS.reauthentication } },
  'verification.invalid_password': { status: 422, title: 'The password is wrong', extensions: { remainingAttempts: EXTENSIONS.remainingAttempts } },
  'verification.invalid_code': { status: 422, title: 'The verification code is wrong', extensions: { remainingAttempts: EXTENSIONS.remainingAttempts } },
  'verification.locked': { status: 429, title: 'Too many failed verifications; try again later' },
  'verification.expired': { status: 410, title: 'The verification has expired or was used up' },
  'verification.channel_unavailable': { status: 409, title: 'The account has no such verification channel', extensions: { methods: EXTENSIONS.methods } },
  'verification.invalid_id_token': { status: 422, title: 'The ID token does not prove a fresh sign-in', extensions: { reauthentication: EXTENSIONS.reauthentication } },
  'verification.method_unavailable': { status: 409, title: 'This verification method is not enabled' },

  'password.rejected': { status: 422, title: 'The password does not meet the password policy', extensions: { issues: EXTENSIONS.passwordIssues } },
  'verification_code.invalid': { status: 422, title: 'The verification code is wrong or expired' },
  'verification_code.rate_limited': { status: 429, title: 'Too many verification codes sent' },
  'identity.already_in_use': { status: 409, title: 'The identity is linked to another account' },
  'identity.not_found': { status: 404, title: 'No such linked identity' },
  'identity.verification_failed': { status: 422, title: 'The identity provider rejected the data' },
  'identity.redirect_uri_not_allowed': { status: 400, title: 'The redirect URI is not allowed' },
  'identity.state_invalid': { status: 400, title: 'The linking state is unknown, expired or used' },
  'connector.not_found': { status: 404, title: 'No such connector' },
  'session.not_found': { status: 404, title: 'No such session' },
  'grant.not_found': { status: 404, title: 'No such authorized application' },
  'mfa.not_found': { status: 404, title: 'No such MFA factor' },
  'mfa.already_enrolled': { status: 409, title: 'This MFA factor is already enrolled' },
  'mfa.backup_codes_need_factor': { status: 409, title: 'Backup codes need another MFA factor first' },
  'mfa.invalid_code': { status: 422, title: 'The one-time code is wrong', extensions: { remainingAttempts: EXTENSIONS.remainingAttempts, attemptsLeft: alias(EXTENSIONS.remainingAttempts, 'remainingAttempts', ALIAS_REMOVAL, true) } },
  'mfa.enrollment_expired': { status: 410, title: 'The enrollment expired or was used up; start again' },
  'mfa.backup_codes_exist': { status: 409, title: 'Backup codes already exist' },

  // Deletion, export
  'deletion.not_scheduled': { status: 404, title: 'No account deletion is scheduled' },

  // Idempotency keys
  'idempotency.key_reused': { status: 422, title: 'The idempotency key was used with a different request' },
  'idempotency.in_progress': { status: 409, title: 'A request with this idempotency key is still running' },
  'idempotency.not_replayable': { status: 409, title: 'The request with this idempotency key completed, but its response is not kept' },

  // Upstream (Logto) and infrastructure
  'upstream.unavailable': { status: 502, title: 'Logto is not available' },
  'upstream.bad_response': { status: 502, title: 'Logto answered with something unexpected' },
  'upstream.timeout': { status: 504, title: 'Logto did not answer in time' },
  'upstream.unreachable': { status: 503, title: 'Logto cannot be reached' },
  'upstream.auth_failed': { status: 503, title: 'The service could not authenticate to Logto' },
  'upstream.circuit_open': { status: 503, title: 'Logto is failing; calls are paused' },
  'upstream.rejected': { status: 502, title: 'Logto rejected the request' },
  'store.unavailable': { status: 503, title: 'Shared state is not available' },
  'health.unavailable': { status: 503, title: 'A dependency is not available', extensions: { checks: EXTENSIONS.checks } },
  'rate_limit.exceeded': { status: 429, title: 'Too many requests', extensions: { policy: EXTENSIONS.policy } },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, CatalogEntry>;

export interface CatalogEntry {
  status: number;
  title: string;
  /** Keyed by the member's name in the problem body. */
  extensions?: Readonly<Record<string, ExtensionField>>;
}

export type ErrorCode = keyof typeof ERROR_CATALOG;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOG, value);
}
