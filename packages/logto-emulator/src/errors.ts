/**
 * Logto error bodies, as recorded from Logto 1.41.0.
 *
 * Ordinary errors are `{code, message, data?, details?}` (README of the exchanges). Guard errors are
 * `400 guard.invalid_input` whose `data` is a serialised ZodError (`{issues, name: "ZodError"}`) and
 * whose `details` is one line per issue (`Error in key path "a.b": (code) text`). Route handlers
 * `throw` a `LogtoError`; the emulator's error handler renders it.
 */

export type ErrorBody = Record<string, unknown>;

export class LogtoError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === 'string' ? body.message : `Logto error ${status}`);
    this.name = 'LogtoError';
  }
}

/** `{code, message, data?}` in the key order Logto uses (`code`, `data`, `details`, `message`). */
export function logtoError(status: number, code: string, message: string, data?: unknown): LogtoError {
  const body: ErrorBody = { code };
  if (data !== undefined) body.data = data;
  body.message = message;
  return new LogtoError(status, body);
}

// Messages verbatim from the recordings; shared by several route modules.
export const entityNotFound = (): LogtoError =>
  logtoError(404, 'entity.not_found', 'The resource does not exist.');

/** 10-log-get-unknown: `entity.not_exists_with_id` carries the id in its message. */
export const entityNotExistsWithId = (name: string, id: string): LogtoError =>
  logtoError(404, 'entity.not_exists_with_id', `The ${name} with ID \`${id}\` does not exist.`);

/** 11-users-list-invalid-page-size. */
export const invalidPagination = (): LogtoError =>
  logtoError(400, 'guard.invalid_pagination', 'The request pagination value is invalid.');

/** 03-users-patch-malformed-json: the body parser's own message, no `code`. */
export function malformedJson(message: string): LogtoError {
  return new LogtoError(400, { message });
}

// ---------------------------------------------------------------------------------------------
// Guard (zod-style) errors

export type IssuePath = Array<string | number>;

export interface ZodIssue {
  code: string;
  path: IssuePath;
  message: string;
  [key: string]: unknown;
}

/** Zod's name for the type of a received value (`received` in invalid_type issues). */
export function zodTypeOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  return typeof value;
}

/** 03-users-custom-data-patch-non-object / -missing-wrapper. */
export function invalidTypeIssue(path: IssuePath, expected: string, received: unknown): ZodIssue {
  const receivedType = zodTypeOf(received);
  return {
    code: 'invalid_type',
    expected,
    received: receivedType,
    path,
    message: receivedType === 'undefined' ? 'Required' : `Expected ${expected}, received ${receivedType}`,
  };
}

/** 03-users-patch-invalid-email: regex validations report `{validation: "regex", code: "invalid_string", message: "Invalid"}`. */
export function invalidStringIssue(path: IssuePath, validation = 'regex'): ZodIssue {
  return { validation, code: 'invalid_string', message: 'Invalid', path };
}

/** 04-password-verify-empty. */
export function tooSmallStringIssue(path: IssuePath, minimum: number): ZodIssue {
  return {
    code: 'too_small',
    minimum,
    type: 'string',
    inclusive: true,
    exact: false,
    message: `String must contain at least ${minimum} character(s)`,
    path,
  };
}

export function tooBigStringIssue(path: IssuePath, maximum: number): ZodIssue {
  return {
    code: 'too_big',
    maximum,
    type: 'string',
    inclusive: true,
    exact: false,
    message: `String must contain at most ${maximum} character(s)`,
    path,
  };
}

/** 08-session-delete-invalid-revoke-target. */
export function invalidEnumIssue(path: IssuePath, received: unknown, options: string[]): ZodIssue {
  return {
    received,
    code: 'invalid_enum_value',
    options,
    path,
    message: `Invalid enum value. Expected ${options.map((o) => `'${o}'`).join(' | ')}, received '${String(received)}'`,
  };
}

/** 07-mfa-create-invalid-type. */
export function invalidDiscriminatorIssue(path: IssuePath, options: string[]): ZodIssue {
  return {
    code: 'invalid_union_discriminator',
    options,
    path,
    message: `Invalid discriminator value. Expected ${options.map((o) => `'${o}'`).join(' | ')}`,
  };
}

/** 05-vcode-send-empty-body: a union whose every branch failed. */
export function invalidUnionIssue(path: IssuePath, branches: ZodIssue[][]): ZodIssue {
  return {
    code: 'invalid_union',
    unionErrors: branches.map((issues) => ({ issues, name: 'ZodError' })),
    path,
    message: 'Invalid input',
  };
}

/** The `details` line Logto writes for one issue; invalid_type is reworded ("Expected X but received Y."). */
function describeIssue(issue: ZodIssue): string {
  const text =
    issue.code === 'invalid_type'
      ? `Expected ${String(issue.expected)} but received ${String(issue.received)}.`
      : issue.message;
  return `Error in key path "${issue.path.join('.')}": (${issue.code}) ${text}`;
}

export type GuardTarget = 'body' | 'query' | 'params';

/** `400 guard.invalid_input`; the message names the part of the request ("The request body is invalid."). */
export function guardError(issues: ZodIssue[], target: GuardTarget = 'body'): LogtoError {
  return new LogtoError(400, {
    code: 'guard.invalid_input',
    data: { issues, name: 'ZodError' },
    details: issues.map(describeIssue).join('\n'),
    message: `The request ${target === 'params' ? 'path' : target} is invalid.`,
  });
}

/** Throws a guard error when any issue was collected. */
export function assertNoIssues(issues: ZodIssue[], target: GuardTarget = 'body'): void {
  if (issues.length > 0) throw guardError(issues, target);
}

// ---------------------------------------------------------------------------------------------
// Small shared validators (the regexes Logto's guards use, as observed)

/** Logto's e-mail regex accepts `local@domain.tld`-like strings; `not-an-email` fails (03-users-patch-invalid-email). */
export const EMAIL_REGEX = /^\S+@\S+\.\S+$/;
/** Digits only; `+1 555-0100` fails (03-users-patch-invalid-phone). */
export const PHONE_REGEX = /^\d+$/;
/** Must not start with a digit, word chars only; `1 bad name` fails (03-users-patch-invalid-username). */
export const USERNAME_REGEX = /^[A-Z_a-z]\w*$/;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as an object; a non-object body (e.g. JSON `null`) is validated like `{}`. */
export function bodyObject(body: unknown): Record<string, unknown> {
  return isPlainObject(body) ? body : {};
}
