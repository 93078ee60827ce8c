import type { ErrorCode } from './error-codes.js';

export interface DomainErrorOptions {
  /** Extra members of the problem body (RFC 9457 extensions), e.g. `methods` or `issues`. */
  extensions?: Record<string, unknown>;
  /** Response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
  headers?: Record<string, string>;
  /** Kept for the log line only; never rendered. */
  cause?: unknown;
}

/**
 * The one error type services throw. The exception filter renders it as problem+json; the status comes from
 * the code, so a service never decides an HTTP status.
 */
export class DomainError extends Error {
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    /** Human-readable explanation for this occurrence; must not contain secrets or upstream bodies. */
    readonly detail?: string,
    options: DomainErrorOptions = {},
  ) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}
