import { ERROR_CATALOG, type ErrorCode } from '../errors/error-codes.js';

/** @nestjs/swagger's metadata key for responses (API_RESPONSE_METADATA; its constants are not exported). */
const API_RESPONSE_METADATA = 'swagger/apiResponse';

interface ProblemResponse {
  description: string;
  content: { 'application/problem+json': { schema: { $ref: string }; examples: Record<string, { summary: string; value: unknown }> } };
}

const PROBLEM_REF = '#/components/schemas/ProblemDto';
const VALIDATION_PROBLEM_REF = '#/components/schemas/ValidationProblemDto';

function example(code: ErrorCode) {
  const { status, title } = ERROR_CATALOG[code];
  return {
    summary: title,
    value: {
      type: `urn:logto-account-service:problem:${code}`,
      title,
      status,
      detail: title,
      instance: '/me',
      code,
      requestId: '3f0c2a9e-8d7b-4b7e-9a55-1b2c3d4e5f60',
      ...(code === 'request.validation_failed' ? { errors: [{ field: 'name', message: 'name must be a string' }] } : {}),
    },
  };
}

/**
 * Merges problem responses into an OpenAPI `responses` map: one entry per status, every code an example,
 * whatever else already documented that status (several decorators, or the document-wide defaults).
 */
export function mergeProblems(responses: Record<string, unknown>, codes: readonly ErrorCode[]): void {
  for (const code of codes) {
    const status = String(ERROR_CATALOG[code].status);
    const existing = responses[status] as Partial<ProblemResponse> | undefined;
    const content = existing?.content?.['application/problem+json'];
    const examples = { ...(content?.examples ?? {}) };
    if (examples[code]) continue;
    examples[code] = example(code);
    const line = `\`${code}\`: ${ERROR_CATALOG[code].title}`;
    const description = existing?.description ? `${existing.description}<br>${line}` : line;
    const useValidation = code === 'request.validation_failed' || content?.schema.$ref === VALIDATION_PROBLEM_REF;
    responses[status] = {
      ...(existing ?? {}),
      description,
      content: {
        ...(existing?.content ?? {}),
        'application/problem+json': { schema: { $ref: useValidation ? VALIDATION_PROBLEM_REF : PROBLEM_REF }, examples },
      },
    };
  }
}

/**
 * Documents the problem responses a route can give, grouped by status, with every code as an example.
 * Several `@ApiProblems` (and `@RequiresStepUp`) on one route merge rather than replace each other.
 * Authentication, rate-limit and upstream problems are added to every authenticated route by the document
 * builder, so routes list only their own.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = descriptor ? (descriptor.value as object) : target;
    const responses = { ...((Reflect.getMetadata(API_RESPONSE_METADATA, holder) as Record<string, unknown> | undefined) ?? {}) };
    mergeProblems(responses, codes);
    Reflect.defineMetadata(API_RESPONSE_METADATA, responses, holder);
    return descriptor as never;
  };
}
