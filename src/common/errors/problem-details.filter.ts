import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error.js';
import type { ErrorCode } from './error-codes.js';
import { buildProblem, PROBLEM_CONTENT_TYPE } from './problem.js';
import { allowedMethodsFor } from '../http/route-table.js';

interface Rendered {
  code: ErrorCode;
  detail?: string;
  extensions?: Readonly<Record<string, unknown>>;
  headers?: Record<string, string>;
  /** Logged at error level with the stack: the client sees none of it. */
  unexpected?: unknown;
}

/** Fastify's own errors (body parsing, limits) carry a `code` like FST_ERR_CTP_BODY_TOO_LARGE. */
interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.validation_failed',
  FST_ERR_CTP_EMPTY_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'request.validation_failed',
  404: 'request.not_found',
  405: 'request.method_not_allowed',
  406: 'request.not_acceptable',
  412: 'precondition_failed',
  413: 'request.body_too_large',
  415: 'request.unsupported_media_type',
  429: 'rate_limit.exceeded',
  431: 'request.header_too_large',
  503: 'health.unavailable',
};

/**
 * The single place where errors become HTTP responses: every error, whether thrown by a service
 * (DomainError), by Nest (routing, validation) or by Fastify (body parsing, limits), is rendered as
 * RFC 9457 application/problem+json with a stable `code` and the request id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const rendered = this.render(exception, request);

    const problem = buildProblem({
      code: rendered.code,
      detail: rendered.detail,
      instance: pathOf(request),
      requestId: String(request.id),
      extensions: rendered.extensions,
    });

    if (rendered.unexpected !== undefined) {
      this.logger.error({ err: rendered.unexpected, requestId: request.id }, 'unhandled error');
    } else if (problem.status >= 500 && exception instanceof DomainError && exception.cause !== undefined) {
      this.logger.warn({ err: exception.cause, problem: problem.code, requestId: request.id }, 'upstream failure');
    }

    if (reply.sent) return;
    reply.status(problem.status);
    for (const [name, value] of Object.entries(rendered.headers ?? {})) reply.header(name, value);
    reply.header('content-type', PROBLEM_CONTENT_TYPE);
    reply.header('cache-control', 'no-store');
    void reply.send(JSON.stringify(problem));
  }

  private render(exception: unknown, request: FastifyRequest): Rendered {
    if (exception instanceof DomainError) {
      return { code: exception.code, detail: exception.detail, extensions: exception.extensions, headers: exception.headers };
    }
    // Nest wraps Fastify's own 4xx errors (body parsing, limits) in an HttpException with the original as cause.
    const fastifyError = (exception instanceof HttpException ? exception.cause : exception) as FastifyLikeError | undefined;
    if (fastifyError && typeof fastifyError === 'object' && typeof fastifyError.code === 'string') {
      const code = FASTIFY_CODES[fastifyError.code];
      if (code) return { code, detail: describeFastifyError(code, fastifyError) };
    }
    if (exception instanceof HttpException) return this.renderHttpException(exception, request);

    if (exception instanceof SyntaxError && fastifyError?.statusCode === 400) {
      return { code: 'request.malformed_body', detail: 'The request body is not valid JSON.' };
    }
    const status = fastifyError?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500 && STATUS_CODES[status]) {
      return { code: STATUS_CODES[status] };
    }
    return { code: 'internal', detail: 'An unexpected error occurred. Quote the requestId when reporting it.', unexpected: exception };
  }

  private renderHttpException(exception: HttpException, request: FastifyRequest): Rendered {
    const status = exception.getStatus();
    if (status === 404) {
      // Our services never throw Nest's NotFoundException: a 404 HttpException is Nest's "no route".
      const allowed = allowedMethodsFor(request);
      if (allowed.length > 0) {
        return {
          code: 'request.method_not_allowed',
          detail: `${request.method} is not allowed here; use ${allowed.join(', ')}.`,
          headers: { allow: allowed.join(', ') },
        };
      }
      return { code: 'request.not_found', detail: `No route for ${request.method} ${pathOf(request)}.` };
    }
    const response = exception.getResponse();
    if (status === 503 && isHealthResult(response)) {
      return { code: 'health.unavailable', detail: 'A dependency is not available.', extensions: { checks: summarizeHealth(response) } };
    }
    const code = STATUS_CODES[status];
    if (code) {
      const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
      return { code, detail: typeof message === 'string' ? message : undefined };
    }
    return { code: 'internal', unexpected: exception };
  }
}

/**
 * The problem's `instance`. For routes with path parameters it is the route template
 * (`/me/verifications/{verificationId}/verify`): a parameter can be a secret such as a verification id, and
 * error bodies must never echo one. The query string is always left out.
 */
function pathOf(request: FastifyRequest): string {
  const template = request.routeOptions?.url;
  if (template && template.includes(':')) return template.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  return request.url.split('?')[0];
}

function describeFastifyError(code: ErrorCode, error: FastifyLikeError): string {
  switch (code) {
    case 'request.body_too_large':
      return 'The request body exceeds the size limit.';
    case 'request.unsupported_media_type':
      return 'Send application/json (or application/merge-patch+json where documented).';
    case 'request.malformed_body':
      return 'The request body is not valid JSON.';
    default:
      return error.message ?? 'The request is not valid.';
  }
}

interface HealthResult {
  status: string;
  details: Record<string, { status: string }>;
}

function isHealthResult(value: unknown): value is HealthResult {
  return typeof value === 'object' && value !== null && 'details' in value && 'status' in value;
}

function summarizeHealth(result: HealthResult): Record<string, string> {
  return Object.fromEntries(Object.entries(result.details).map(([name, detail]) => [name, detail.status]));
}
