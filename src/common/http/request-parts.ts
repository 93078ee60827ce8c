import type { ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** `routeOptions`, read once per request (see routeOf). */
    routeInfo: Readonly<Pick<RouteOptions, 'url' | 'config'>> | null;
  }
}

/**
 * The matched route's template URL and config. Fastify's `request.routeOptions` builds a new object of a dozen
 * fields on every read, and the hooks, guards and filter of one request read it several times; this reads it
 * once and keeps it on the request (a field Fastify declares up front, see http-setup.ts).
 */
export function routeOf(request: FastifyRequest): Readonly<Pick<RouteOptions, 'url' | 'config'>> {
  let route = request.routeInfo;
  if (route === null || route === undefined) {
    const options = request.routeOptions;
    route = { url: options.url, config: options.config } as Pick<RouteOptions, 'url' | 'config'>;
    request.routeInfo = route;
  }
  return route;
}

/**
 * The Fastify request of an HTTP execution context. `switchToHttp()` makes an object of three closures on every
 * call, once per guard, decorator and interceptor of every request; the arguments are the same either way.
 */
export function requestOf(context: ExecutionContext): FastifyRequest {
  return context.getArgByIndex<FastifyRequest>(0);
}

/** The Fastify reply of an HTTP execution context (see requestOf). */
export function replyOf(context: ExecutionContext): FastifyReply {
  return context.getArgByIndex<FastifyReply>(1);
}
