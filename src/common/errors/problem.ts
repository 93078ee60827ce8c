import { ERROR_CATALOG, type CatalogEntry, type ErrorCode } from './error-codes.js';

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
  extensions?: Readonly<Record<string, unknown>>;
}): ProblemBody {
  const entry: CatalogEntry = ERROR_CATALOG[args.code];
  // Extensions cannot override the standard members.
  return {
    ...withAliases(entry, args.extensions),
    type: problemType(args.code),
    title: entry.title,
    status: entry.status,
    detail: args.detail ?? entry.title,
    instance: args.instance,
    code: args.code,
    requestId: args.requestId,
  };
}

/** Adds each automatic deprecated alias the code declares, with the value of the member that replaced it. */
function withAliases(entry: CatalogEntry, extensions: Readonly<Record<string, unknown>> | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!extensions || !entry.extensions) return extensions;
  const aliases = Object.entries(entry.extensions).filter(([name, field]) => field.deprecated?.automatic && extensions[field.deprecated.replacedBy] !== undefined && !(name in extensions));
  if (aliases.length === 0) return extensions;
  return { ...extensions, ...Object.fromEntries(aliases.map(([name, field]) => [name, extensions[field.deprecated!.replacedBy]])) };
}
