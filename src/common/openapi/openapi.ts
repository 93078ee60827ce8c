import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import type { ErrorCode } from '../errors/error-codes.js';
import { PROBLEM_CODES_MEMBER } from './api-problems.decorator.js';
import { problemExamples, problemResponse, problemResponseName, problemSchemas, statusOf } from './problem-components.js';

export const BEARER_SCHEME = 'bearer';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the OpenAPI document from the controllers (and the CLI plugin's DTO metadata): the single source. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Logto account service')
    .setDescription(
      [
        'Self-service account API for end users of apps built on Logto. Call every `/me` route with the',
        "user's Logto access token (`Authorization: Bearer …`) issued for this service's API resource.",
        '',
        'Errors are RFC 9457 `application/problem+json` with a stable `code` (`ProblemCode`; the README lists them).',
        'A problem with members beyond the standard ones has its own schema, `Problem.<code>`; every operation lists',
        'the problems it can answer (shared responses `Problems<status>…`, one example per code under `components.examples`).',
      ].join('\n'),
    )
    .setVersion(packageVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Logto user access token.' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  addProblems(document);
  return document;
}

/** What any authenticated route can answer, whatever it does: documented once, here. */
const COMMON_PROBLEMS: readonly ErrorCode[] = [
  'auth.token_missing',
  'auth.token_invalid',
  'auth.insufficient_scope',
  'account.not_found',
  'rate_limit.exceeded',
  'upstream.unavailable',
  'upstream.bad_response',
  'upstream.rejected',
  'upstream.unreachable',
  'upstream.circuit_open',
  'upstream.auth_failed',
  'upstream.timeout',
  'store.unavailable',
];

const MUTATING = new Set(['post', 'put', 'patch', 'delete']);

const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: [
    'Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful',
    'response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →',
    '422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).',
    'Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400',
    '`request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).',
    '',
    'A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that',
    'needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or',
    '`otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,',
    'and the client sends the request again with a new key. So does a retry whose response was larger than the',
    'per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and',
    '`IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.',
  ].join('\n'),
  schema: { type: 'string', maxLength: 255 },
};

/** The problem codes every authenticated operation with this method answers, besides its own. */
export function commonProblems(method: string): readonly ErrorCode[] {
  return MUTATING.has(method) ? [...COMMON_PROBLEMS, ...IDEMPOTENCY_PROBLEMS] : COMMON_PROBLEMS;
}

const IDEMPOTENCY_PROBLEMS: readonly ErrorCode[] = ['idempotency.key_reused', 'idempotency.in_progress', 'idempotency.not_replayable', 'account.busy'];

/**
 * Replaces the `@ApiProblems` placeholders with `$ref`s to shared responses, adds the problems (and the
 * Idempotency-Key header) every authenticated route has, and puts the problem schemas, examples and
 * responses under `components`, each once.
 */
function addProblems(document: OpenAPIObject): void {
  const responses: Record<string, unknown> = {};
  const parameters = new Map<string, unknown>();
  const used = new Set<ErrorCode>();
  for (const path of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(path)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const op = operation as { security?: unknown[]; responses: Record<string, unknown>; parameters?: unknown[] };
      const authenticated = (op.security?.length ?? 0) > 0;
      const codes = new Set<ErrorCode>(authenticated ? commonProblems(method) : []);
      for (const [status, response] of Object.entries(op.responses)) {
        const placeholder = (response as Record<string, unknown>)[PROBLEM_CODES_MEMBER] as ErrorCode[] | undefined;
        if (!placeholder) continue;
        for (const code of placeholder) codes.add(code);
        delete op.responses[status];
      }
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of codes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
      for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
        const group = byStatus.get(status)!;
        const common = authenticated ? commonProblems(method).filter((code) => statusOf(code) === status) : [];
        const name = problemResponseName(status, group, common);
        responses[name] ??= problemResponse(group);
        op.responses[String(status)] = { $ref: `#/components/responses/${name}` };
        for (const code of group) used.add(code);
      }
      if (authenticated && MUTATING.has(method)) op.parameters = [...(op.parameters ?? []), IDEMPOTENCY_KEY_PARAMETER];
      // One object for equal parameters (the Verification-Id header on every step-up route): YAML writes it once.
      if (op.parameters) op.parameters = op.parameters.map((parameter) => intern(parameters, parameter));
    }
  }
  // The problem components are plain OpenAPI objects built from the catalogue, not swagger's class-based models.
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...problemSchemas() },
    responses: Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b))),
    examples: problemExamples([...used]),
  } as NonNullable<OpenAPIObject['components']>;
}

function intern(seen: Map<string, unknown>, value: unknown): unknown {
  const key = JSON.stringify(value);
  if (!seen.has(key)) seen.set(key, value);
  return seen.get(key);
}

/**
 * Swagger UI at /docs. The document is built on the first request for it, not at start-up: building it costs
 * start-up time and memory that most production instances never use.
 */
export function setupSwaggerUi(app: INestApplication): void {
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup('docs', app, () => (document ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Logto account service',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
