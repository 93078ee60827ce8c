import { createServer, type Server } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Span } from '@opentelemetry/api';
import type { ServerConfig } from '../config/app-config.js';
import { httpRequestDuration, registry, routeTemplate, startProcessMetrics, statusClass } from './metrics.js';
import { endServerSpan } from './spans.js';
import { routeOf } from '../common/http/request-parts.js';

export const METRICS_PATH = '/metrics';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's server span while tracing is on (see `startServerSpan`). */
    traceSpan: Span | null;
  }
}

/**
 * GET /metrics in the Prometheus text format, unauthenticated (a plain Fastify route: no Nest guard runs).
 * With METRICS_PORT set it is served only by a separate listener on HOST:METRICS_PORT, opened when the app
 * is ready and closed with it, and the public port answers 404 for /metrics like for any unknown path.
 */
export function installMetricsEndpoint(fastify: FastifyInstance, config: ServerConfig): void {
  startProcessMetrics();
  fastify.decorateRequest('traceSpan', null);
  if (config.metricsPort === undefined) {
    fastify.get(METRICS_PATH, async (_request, reply) => {
      const body = await registry.metrics();
      return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(body);
    });
    return;
  }
  const server = createMetricsServer();
  const port = config.metricsPort;
  fastify.addHook('onReady', (done) => {
    const failed = (error: Error) => done(error);
    server.once('error', failed);
    server.listen(port, config.host, () => {
      server.off('error', failed);
      done();
    });
  });
  fastify.addHook('onClose', (_instance, done) => {
    if (!server.listening) return done();
    server.close(() => done());
    server.closeIdleConnections();
  });
}

/** What every response adds to the metrics and, when tracing, to its server span. */
export function observeResponse(request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  httpRequestDuration.observe(
    { method: request.method, route: routeTemplate(routeOf(request).url), status_class: statusClass(status) },
    reply.elapsedTime / 1000,
  );
  if (request.traceSpan) endServerSpan(request.traceSpan, status, request.context?.userId);
}

function createMetricsServer(): Server {
  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== METRICS_PATH || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found\n');
      return;
    }
    registry.metrics().then(
      (body) => {
        response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : body);
      },
      () => response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics could not be collected\n'),
    );
  });
}
