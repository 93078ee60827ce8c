import type { ERROR_CATALOG, ErrorCode } from './error-codes.js';
import type { COMMON_EXTENSIONS, ExtensionField } from './problem-extensions.js';

type DeclaredFields<C extends ErrorCode> = (typeof ERROR_CATALOG)[C] extends { extensions: infer E } ? E : object;

/** What a service sets: automatic deprecated aliases are filled in by the renderer, never by hand. */
type SettableFields<C extends ErrorCode> = {
  [K in keyof (DeclaredFields<C> & typeof COMMON_EXTENSIONS) as (DeclaredFields<C> & typeof COMMON_EXTENSIONS)[K] extends { deprecated: { automatic: true } }
    ? never
    : K]: (DeclaredFields<C> & typeof COMMON_EXTENSIONS)[K];
};

type ValueOf<F> = F extends ExtensionField<infer T> ? T : never;

type RequiredKeys<F> = { [K in keyof F]: F[K] extends { required: true } ? K : never }[keyof F];

/** The extension members of code `C`, typed from its catalogue entry: required ones required, no others allowed. */
export type ProblemExtensions<C extends ErrorCode> = C extends ErrorCode
  ? { [K in RequiredKeys<SettableFields<C>>]: ValueOf<SettableFields<C>[K]> } & {
      [K in Exclude<keyof SettableFields<C>, RequiredKeys<SettableFields<C>>>]?: ValueOf<SettableFields<C>[K]>;
    }
  : never;

export interface DomainErrorOptions<C extends ErrorCode = ErrorCode> {
  /** Members of the problem body beyond the standard ones (RFC 9457 extensions), as the catalogue declares them. */
  extensions?: ProblemExtensions<C>;
  /** Response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
  headers?: Record<string, string>;
  /** Kept for the log line only; never rendered. */
  cause?: unknown;
}

/** The constructor's arguments after the code: `options.extensions` is required when the code has required members. */
export type DomainErrorArgs<C extends ErrorCode> = C extends ErrorCode
  ? [RequiredKeys<SettableFields<C>>] extends [never]
    ? [detail?: string, options?: DomainErrorOptions<C>]
    : [detail: string | undefined, options: DomainErrorOptions<C> & { extensions: ProblemExtensions<C> }]
  : never;

/**
 * The one error type services throw. The exception filter renders it as problem+json; the status comes from
 * the code, so a service never decides an HTTP status, and the extensions are typed by the code, so a service
 * cannot attach members its problem does not declare.
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  /** Human-readable explanation for this occurrence; must not contain secrets or upstream bodies. */
  readonly detail?: string;
  readonly extensions: Readonly<Record<string, unknown>>;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: C,
    ...[detail, options = {}]: DomainErrorArgs<C>
  ) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.detail = detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

