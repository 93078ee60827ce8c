import { ERROR_CATALOG, type ErrorCode } from './error-codes.js';

/** RFC 9457 problem details as this service renders them. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ErrorCode;
  requestId: string;
  errors?: Array<{ field: string; message: string }>;
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problemType(code: ErrorCode): string {
  return `urn:logto-account-service:problem:${code}`;
}

export function buildProblem(args: {
  code: ErrorCode;
  detail?: string;
  instance: string;
  requestId: string;
  extensions?: Record<string, unknown>;
}): ProblemBody {
  const entry = ERROR_CATALOG[args.code];
  // Extensions cannot override the standard members.
  return {
    ...args.extensions,
    type: problemType(args.code),
    title: entry.title,
    status: entry.status,
    detail: args.detail ?? entry.title,
    instance: args.instance,
    code: args.code,
    requestId: args.requestId,
  };
}
