import type { ErrorCode } from '../errors/error-codes.js';
import { statusOf } from './problem-components.js';

/** @nestjs/swagger's metadata key for responses (API_RESPONSE_METADATA; its constants are not exported). */
const API_RESPONSE_METADATA = 'swagger/apiResponse';
/** Where a handler's (or controller's) own problem codes are kept, for the document builder and the docs test. */
const PROBLEM_CODES_METADATA = 'logto-account-service:problem-codes';
/** The member of a placeholder response that carries its codes until the document builder replaces it. */
export const PROBLEM_CODES_MEMBER = 'x-problem-codes';

/** The codes `@ApiProblems` (and `@RequiresStepUp`) declared on a handler or controller, in order, without repeats. */
export function declaredProblems(holder: object): ErrorCode[] {
  return (Reflect.getMetadata(PROBLEM_CODES_METADATA, holder) as ErrorCode[] | undefined) ?? [];
}

/**
 * Documents the problem responses a route can give. Several `@ApiProblems` (and `@RequiresStepUp`) on one route
 * add up. Each status gets a placeholder that `buildOpenApiDocument` replaces with a `$ref` to the shared
 * response for the route's codes of that status (components.responses), together with the authentication,
 * rate-limit, upstream and idempotency problems it adds to every authenticated route, so routes list only their own.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  return (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = descriptor ? (descriptor.value as object) : target;
    const all = [...new Set([...declaredProblems(holder), ...codes])];
    Reflect.defineMetadata(PROBLEM_CODES_METADATA, all, holder);
    const responses = { ...((Reflect.getMetadata(API_RESPONSE_METADATA, holder) as Record<string, unknown> | undefined) ?? {}) };
    for (const code of all) {
      const status = String(statusOf(code));
      const placeholder = responses[status] as { [PROBLEM_CODES_MEMBER]?: ErrorCode[] } | undefined;
      responses[status] = { description: '', [PROBLEM_CODES_MEMBER]: [...new Set([...(placeholder?.[PROBLEM_CODES_MEMBER] ?? []), code])] };
    }
    Reflect.defineMetadata(API_RESPONSE_METADATA, responses, holder);
    return descriptor as never;
  };
}
