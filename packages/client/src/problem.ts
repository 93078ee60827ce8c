import type { components } from './generated/openapi.js';

type Schemas = components['schemas'];

/** Every code of the service's error catalogue (openapi.yaml `components.schemas.ProblemCode`). */
export type ProblemCode = Schemas extends { ProblemCode: infer Code extends string } ? Code : string;

/**
 * The code the client itself gives an error answer that is not problem+json (a proxy's HTML 502, say): it is
 * never one of the service's codes, so an app can tell "the service said" from "something in between said".
 */
export const UNEXPECTED_RESPONSE = 'client.unexpected_response';
export type ClientProblemCode = typeof UNEXPECTED_RESPONSE;

/** The members RFC 9457 and the service put in every problem; the rest are the problem's extensions. */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId']);

type StandardMember = 'type' | 'title' | 'status' | 'detail' | 'instance' | 'code' | 'requestId';
type ProblemSchema<Code extends string> = `Problem.${Code}` extends keyof Schemas ? Schemas[`Problem.${Code}`] : Schemas extends { Problem: infer P } ? P : object;

/**
 * The extension members a problem with this code carries, from openapi.yaml (`components.schemas["Problem.<code>"]`,
 * members beyond RFC 9457's and `code`/`requestId`). Distributes over a union of codes, so `extensions` is only
 * typed member by member once `isAccountProblem(e, code)` has narrowed the code.
 */
export type ProblemExtensions<Code extends string = ProblemCode | ClientProblemCode> = Code extends ClientProblemCode
  ? Record<string, never>
  : Omit<ProblemSchema<Code>, StandardMember>;

export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  requestId?: string;
  [member: string]: unknown;
}

/**
 * Every error answer of the service, as one class: the RFC 9457 members, the stable `code` to branch on, the
 * `requestId` to quote to support, and the problem's extensions (e.g. `methods` of `verification.required`,
 * `errors` of `request.validation_failed`).
 */
export class AccountProblem<Code extends ProblemCode | ClientProblemCode = ProblemCode | ClientProblemCode> extends Error {
  override readonly name = 'AccountProblem';
  readonly status: number;
  readonly code: Code;
  readonly requestId: string | undefined;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly instance: string | undefined;
  readonly extensions: ProblemExtensions<Code>;
  /** The operation that got this answer. */
  readonly operationId: string;
  /** The `Retry-After` header in seconds, when the service sent one (429, 503...). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    code: Code;
    title: string;
    operationId: string;
    requestId?: string;
    detail?: string;
    type?: string;
    instance?: string;
    extensions?: ProblemExtensions<Code>;
    retryAfterSeconds?: number;
  }) {
    super(`${init.status} ${init.code}: ${init.detail ?? init.title}`);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.operationId = init.operationId;
    this.requestId = init.requestId;
    this.detail = init.detail;
    this.type = init.type;
    this.instance = init.instance;
    this.extensions = init.extensions ?? ({} as ProblemExtensions<Code>);
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** Builds the problem from an error answer; a body that is not problem+json gives `client.unexpected_response`. */
  static fromResponse(
    response: { status: number; headers: { get(name: string): string | null } },
    body: unknown,
    operationId: string,
  ): AccountProblem {
    const retryAfterSeconds = parseRetryAfterSeconds(response.headers.get('retry-after'));
    const requestIdHeader = response.headers.get('x-request-id') ?? undefined;
    if (isProblemBody(body)) {
      const extensions: Record<string, unknown> = {};
      for (const [member, value] of Object.entries(body)) if (!STANDARD_MEMBERS.has(member)) extensions[member] = value;
      return new AccountProblem({
        status: response.status,
        code: body.code as ProblemCode,
        title: body.title ?? '',
        operationId,
        requestId: body.requestId ?? requestIdHeader,
        detail: body.detail,
        type: body.type,
        instance: body.instance,
        extensions: extensions as ProblemExtensions,
        retryAfterSeconds,
      });
    }
    return new AccountProblem({
      status: response.status,
      code: UNEXPECTED_RESPONSE,
      title: 'The answer is not a problem document',
      operationId,
      requestId: requestIdHeader,
      retryAfterSeconds,
    });
  }
}

/**
 * Whether `error` is an AccountProblem, and with `code`, one with that code; narrows `extensions` to that code's.
 * Works across copies of the package (bundlers sometimes load two), where `instanceof` would not.
 */
export function isAccountProblem<Code extends ProblemCode | ClientProblemCode>(error: unknown, code?: Code): error is AccountProblem<Code> {
  const isProblem =
    error instanceof AccountProblem ||
    (error instanceof Error && error.name === 'AccountProblem' && typeof (error as { code?: unknown }).code === 'string');
  return isProblem && (code === undefined || (error as AccountProblem).code === code);
}

function isProblemBody(body: unknown): body is ProblemBody & { code: string } {
  return typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as ProblemBody).code === 'string';
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP date. */
export function parseRetryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
