import { DomainError } from '../common/errors/domain-error.js';
import type { ErrorCode } from '../common/errors/error-codes.js';
import { passwordIssues } from '../common/errors/problem-extensions.js';

/** Re-exported: the Logto error translation and the password service share one mapping. */
export { passwordIssues };

/** A Logto error body: `{ code, message, data?, details? }` (see ../shared/logto/README.md). */
export interface LogtoErrorBody {
  code?: string;
  message?: string;
  data?: unknown;
}

/** Per-call translation: what Logto's generic codes mean for this operation. */
export interface ErrorContext {
  /** Our code for Logto's `entity.not_found` on this call (default: the account is gone). */
  notFound?: ErrorCode;
  /** Extra or overriding translations for this call. */
  codes?: Partial<Record<string, ErrorCode>>;
}

/**
 * Logto error codes (recorded from OSS 1.41) and what they mean for our clients. Anything not listed is an
 * upstream problem the client cannot fix (502 upstream.rejected), logged with Logto's code.
 */
const LOGTO_CODES: Record<string, ErrorCode> = {
  'user.email_already_in_use': 'email.already_in_use',
  'user.username_already_in_use': 'username.already_in_use',
  'user.phone_already_in_use': 'phone.already_in_use',
  'user.identity_already_in_use': 'identity.already_in_use',
  'user.identity_not_exist': 'identity.not_found',
  'user.totp_already_in_use': 'mfa.already_enrolled',
  'user.backup_code_already_in_use': 'mfa.backup_codes_exist',
  'session.mfa.backup_code_can_not_be_alone': 'mfa.backup_codes_need_factor',
  'user.suspended': 'account.suspended',
  'oidc.session_not_found': 'session.not_found',
  // Logto answers this when the session belongs to another user: never reveal that it exists.
  'oidc.invalid_session_account_id': 'session.not_found',
  'oidc.invalid_grant': 'grant.not_found',
  'verification_code.code_mismatch': 'verification_code.invalid',
  'verification_code.not_found': 'verification_code.invalid',
  'verification_code.exceed_max_try': 'verification_code.invalid',
  // Not recorded (a code lives 10 minutes), but Logto and the emulator answer it for a stale code.
  'verification_code.expired': 'verification_code.invalid',
  'request.message_rate_limited': 'verification_code.rate_limited',
  'connector.invalid_response': 'identity.verification_failed',
  'session.invalid_connector_id': 'connector.not_found',
  'connector.unexpected_type': 'connector.not_found',
  'password.rejected': 'password.rejected',
};

/** Fields whose format Logto validates; a guard error on one of them is the client's bad input. */
const GUARDED_FIELDS: Record<string, ErrorCode> = {
  primaryEmail: 'email.invalid',
  email: 'email.invalid',
  primaryPhone: 'phone.invalid',
  phone: 'phone.invalid',
  username: 'username.invalid',
};

/** Logto's message for this code, which is safe to show: it names the conflict, not internals. */
const DETAILS: Partial<Record<ErrorCode, string>> = {
  'email.already_in_use': 'Another account already uses this email address.',
  'username.already_in_use': 'Another account already uses this username.',
  'phone.already_in_use': 'Another account already uses this phone number.',
  'identity.already_in_use': 'This identity is already linked to another account.',
  'verification_code.invalid': 'The verification code is wrong, expired or was tried too often. Request a new one.',
  'verification_code.rate_limited': 'Too many codes were sent to this recipient. Try again later.',
  'account.not_found': 'The account in the access token no longer exists.',
};

export function translateLogtoError(status: number, body: LogtoErrorBody | undefined, context: ErrorContext = {}): DomainError {
  const logtoCode = body?.code;
  if (logtoCode) {
    const mapped = context.codes?.[logtoCode] ?? ownValue(LOGTO_CODES, logtoCode);
    if (mapped) return withExtras(mapped, body);
    if (logtoCode === 'entity.not_found' || logtoCode === 'entity.not_exists_with_id' || logtoCode === 'user.not_exist') {
      const code = context.notFound ?? 'account.not_found';
      return new DomainError(code, DETAILS[code]);
    }
    if (logtoCode === 'guard.invalid_input') {
      const field = guardedField(body.data);
      if (field) return new DomainError(field, 'The value is not in a format Logto accepts.');
      // Our own validation runs first, so a guard error on any other field means this service sent
      // something Logto does not accept: an upstream problem, not the client's.
      return new DomainError('upstream.rejected', 'Logto rejected the request.', { cause: `Logto ${status} guard.invalid_input` });
    }
    if (logtoCode.startsWith('auth.')) {
      return new DomainError('upstream.auth_failed', 'The service is not authorized to use the Logto Management API.', {
        headers: { 'retry-after': '30' },
        cause: `Logto ${status} ${logtoCode}`,
      });
    }
  }
  return new DomainError('upstream.rejected', 'Logto rejected the request.', { cause: `Logto ${status} ${logtoCode ?? '(no code)'}` });
}

function withExtras(code: ErrorCode, body: LogtoErrorBody): DomainError {
  if (code === 'password.rejected') {
    return new DomainError(code, 'The password does not meet the password policy.', { extensions: { issues: passwordIssues(body.data) } });
  }
  if (code === 'verification_code.rate_limited') {
    // Logto's window is 10 minutes per recipient and it sends no Retry-After; this is the honest upper bound.
    return new DomainError(code, DETAILS[code], { headers: { 'retry-after': '600' } });
  }
  return new DomainError(code, DETAILS[code]);
}

function guardedField(data: unknown): ErrorCode | undefined {
  const issues = (data as { issues?: Array<{ path?: unknown[] }> } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  for (const issue of issues) {
    const last = Array.isArray(issue.path) ? issue.path[issue.path.length - 1] : undefined;
    const code = typeof last === 'string' ? ownValue(GUARDED_FIELDS, last) : undefined;
    if (code) return code;
  }
  return undefined;
}

/** A table lookup that never answers with an inherited member (`constructor`, `toString`) for a name from Logto. */
function ownValue(table: Record<string, ErrorCode>, name: string): ErrorCode | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
