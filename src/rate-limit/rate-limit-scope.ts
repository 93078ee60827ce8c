import type { FastifyRequest } from 'fastify';
import { routeOf } from '../common/http/request-parts.js';

/** The account API: every route under /me. */
export function isAccountRoute(request: FastifyRequest): boolean {
  const route = routeOf(request).url ?? request.url.split('?')[0];
  return route === '/me' || route.startsWith('/me/');
}

/**
 * Probes are never limited: a 429 on readiness would take a healthy instance out of rotation. Neither are
 * Prometheus scrapes of /metrics: a gap in the metrics would hide exactly the overload that caused it.
 */
export function isExemptFromIpLimit(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return path === '/health' || path.startsWith('/health/') || path === '/metrics';
}
