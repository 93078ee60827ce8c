import cors from '@fastify/cors';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ServerConfig } from '../../config/app-config.js';
import { context as traceContext } from '@opentelemetry/api';
import { requestContext, type RequestContext } from '../logging/request-context.js';
import { installMetricsEndpoint, observeResponse } from '../../observability/http-observability.js';
import { isTracingEnabled, startServerSpan, traceIdsOf } from '../../observability/spans.js';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import { ClientConnection } from './client-connection.js';
import { answerClientError } from './client-error.js';
import { installETagHook } from './etag.hook.js';
import { installJsonBodyParsers } from './json-body.js';
import { requestIdFor, REQUEST_ID_HEADER } from './request-id.js';
import { computeSecurityHeaders, isDocsPath } from './security-headers.js';
import { trackRoutes } from './route-table.js';
import { routeOf } from './request-parts.js';

declare module 'fastify' {
  interface FastifyRequest {
    context: RequestContext;
  }
}

/** Routes polled by orchestrators and scrapers: logged at debug, not info, so they do not drown real traffic. */
const QUIET_ROUTE = /^\/(health|metrics|docs)(\/|$)/;

/** Headers a browser client may send and read (CORS). */
const CORS_ALLOWED_HEADERS = [
  'authorization', 'content-type', 'if-match', 'if-none-match', 'verification-id', 'idempotency-key', 'x-request-id', 'traceparent', 'tracestate',
];
// `date`: the client package times verification records (`expiresAt`, on the service's clock) against it.
const CORS_EXPOSED_HEADERS = [
  'date', 'etag', 'x-request-id', 'retry-after', 'ratelimit', 'ratelimit-policy', 'idempotent-replayed', 'www-authenticate', 'location', 'content-disposition',
];

/** helmet's headers, computed once per process (see security-headers.ts). */
const SECURITY_HEADERS = computeSecurityHeaders();

export function createFastifyAdapter(config: ServerConfig): FastifyAdapter {
  return new FastifyAdapter({
    logger: false,
    genReqId: requestIdFor,
    requestIdHeader: false,
    // Fastify accepts a hop count too; Nest's adapter type does not list it.
    trustProxy: config.trustProxy as boolean | string[],
    bodyLimit: config.bodyLimitBytes,
    // `/me/` is `/me`: the same route, guards and limits (a separate answer for it helped nobody).
    routerOptions: { maxParamLength: 256, ignoreTrailingSlash: true },
    return503OnClosing: true,
    frameworkErrors: answerRoutingError,
    clientErrorHandler: answerClientError(SECURITY_HEADERS.api),
    // No Nest middleware exists here (everything per-request is a Fastify hook, a guard or a filter), so Nest's
    // Express-style middleware runner, @fastify/middie, would be one more onRequest hook on every request for
    // nothing. Nest refuses to apply a middleware without it, so adding one later fails at start-up, not silently.
    skipMiddie: true,
  });
}

/**
 * Fastify's router refuses a URL it cannot decode (`%`, `%ZZ`) or a path parameter over `maxParamLength`
 * before any hook or Nest's exception filter runs, and by default answers with its own JSON (400/414). Render
 * a problem like every other 4xx, with the security headers the onRequest hook would have set. `instance` is
 * the first path segment only: the path may hold a verification id, and it cannot be matched to a route
 * template to hide it.
 */
function answerRoutingError(error: { message: string }, request: FastifyRequest, reply: FastifyReply): void {
  const problem = buildProblem({
    code: 'request.validation_failed',
    detail: 'The URL is not valid: a path segment is not percent-encoded properly or is too long.',
    instance: `/${request.url.split(/[/?]/)[1] ?? ''}`,
    requestId: String(request.id),
  });
  void reply
    .status(problem.status)
    .headers(SECURITY_HEADERS.api)
    .header(REQUEST_ID_HEADER, request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(JSON.stringify(problem));
}

/**
 * Everything HTTP-level that is not an API route: request ids, the server span and request metrics, the
 * request log line, GET /metrics, body parsers, security headers and CORS. Must run before `app.init()` so
 * the route table sees every route.
 */
export async function configureHttp(app: NestFastifyApplication, config: ServerConfig, requestLogger: Logger): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  trackRoutes(fastify);
  installMetricsEndpoint(fastify, config);

  fastify.decorateRequest('context', null as unknown as RequestContext);
  fastify.decorateRequest('routeInfo', null);
  fastify.addHook('onRequest', (request, reply, done) => {
    // Every field a request may set later is present from the start: one object shape for all requests.
    const context: RequestContext = {
      requestId: String(request.id),
      userId: undefined,
      client: new ClientConnection(reply.raw),
      changedUpstream: undefined,
      stepUpChecked: undefined,
      accountCheck: undefined,
    };
    request.context = context;
    reply.headers(isDocsPath(request.url) ? SECURITY_HEADERS.docs : SECURITY_HEADERS.api);
    reply.header(REQUEST_ID_HEADER, request.id);
    // The rest of the request's lifecycle runs inside this context (log lines, outbound calls), and inside
    // its server span when tracing is on (child spans, traceparent on Logto calls, trace ids in log lines).
    const traced = isTracingEnabled() ? startServerSpan(request.method, routeOf(request).url, request.headers) : undefined;
    if (traced) {
      request.traceSpan = traced.span;
      requestContext.run(context, () => traceContext.with(traced.context, done));
    } else {
      requestContext.run(context, done);
    }
  });
  installETagHook(fastify);
  fastify.addHook('onResponse', (request, reply, done) => {
    observeResponse(request, reply);
    logRequest(requestLogger, request, reply);
    done();
  });

  installJsonBodyParsers(fastify, config.bodyLimitBytes);

  if (config.corsOrigins.length > 0) {
    const corsOptions = {
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: CORS_ALLOWED_HEADERS,
      exposedHeaders: CORS_EXPOSED_HEADERS,
      maxAge: 600,
    };
    // An OPTIONS request that is not a preflight (no Origin or no Access-Control-Request-Method) is left to the
    // router, which answers it as it would without CORS (405 with Allow, or 404); @fastify/cors would answer
    // 400 text/plain.
    const notPreflight = { ...corsOptions, preflight: false };
    await app.register(cors as never, {
      delegator: (request: FastifyRequest, callback: (error: null, options: object) => void) =>
        callback(null, request.method === 'OPTIONS' && !isPreflight(request) ? notPreflight : corsOptions),
    });
  }
}

function isPreflight(request: FastifyRequest): boolean {
  return request.headers.origin !== undefined && request.headers['access-control-request-method'] !== undefined;
}

function logRequest(logger: Logger, request: FastifyRequest, reply: FastifyReply): void {
  const route = routeOf(request).url;
  const status = reply.statusCode;
  const level = status >= 500 ? 'error' : QUIET_ROUTE.test(request.url) ? 'debug' : 'info';
  if (!logger.isLevelEnabled(level)) return;
  logger[level](
    {
      requestId: request.id,
      userId: request.context?.userId,
      method: request.method,
      route: route ?? null,
      status,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ip: request.ip,
      ...(request.traceSpan ? traceIdsOf(request.traceSpan) : {}),
    },
    'request',
  );
}
