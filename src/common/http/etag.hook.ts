import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { etagMatches, etagOf } from './etag.js';
import { isDocsPath } from './security-headers.js';
import { addRouteConfig } from './route-config.js';
import { routeOf } from './request-parts.js';

/** Fastify route config key set by `@StrongETag()`. */
const ETAG_ROUTE_CONFIG = 'strongETag';

/**
 * Marks a route whose JSON answer carries a strong ETag computed from the exact bytes sent, with
 * `Cache-Control: private, no-cache` and `Vary: Authorization`; a GET whose If-None-Match matches gets 304 and
 * no body (RFC 9110 §13.1.2). Applied by an onSend hook rather than a Nest interceptor: Fastify has serialized
 * the body by then, so it is hashed once and sent as hashed, and a route without interceptors skips Nest's
 * rxjs pipeline altogether (docs/performance.md).
 */
export const StrongETag = (): MethodDecorator => addRouteConfig({ [ETAG_ROUTE_CONFIG]: true });

/**
 * Cache headers of every answer (RFC 9111). Everything this API answers is about the caller, errors included,
 * so nothing may be stored by any cache (`no-store`), except an answer that offers an ETag: a private cache
 * (the client's own) may keep it to revalidate with If-None-Match, and `Vary: Authorization` keeps one user's
 * copy from answering another user's request. A route that set its own Cache-Control keeps it (problems set
 * `no-store` themselves); Swagger UI's assets under /docs are not personal and are left alone.
 */
export function installETagHook(fastify: FastifyInstance): void {
  fastify.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
    const config = routeOf(request).config as unknown as Record<string, unknown> | undefined;
    const status = reply.statusCode;
    if (config?.[ETAG_ROUTE_CONFIG] !== true || status < 200 || status >= 300 || typeof payload !== 'string') {
      if (!reply.hasHeader('cache-control') && !isDocsPath(request.url)) reply.header('cache-control', 'no-store');
      done(null, payload);
      return;
    }
    const etag = etagOf(payload);
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    addVary(reply, 'authorization');
    if ((request.method === 'GET' || request.method === 'HEAD') && etagMatches(request.headers['if-none-match'], etag, { weak: true })) {
      reply.code(304).removeHeader('content-type');
      done(null, null);
      return;
    }
    done(null, payload);
  });
}

/** Adds a field name to Vary, keeping what is there (CORS adds `Origin`). */
function addVary(reply: FastifyReply, name: string): void {
  const current = reply.getHeader('vary');
  const listed = current === undefined ? [] : String(current).split(',').map((field) => field.trim().toLowerCase());
  if (listed.includes(name) || listed.includes('*')) return;
  reply.header('vary', current === undefined || listed.length === 0 ? name : `${String(current)}, ${name}`);
}
