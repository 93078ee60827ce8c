import type { FastifyInstance, FastifyRequest } from 'fastify';

interface RouteEntry {
  pattern: RegExp;
  methods: Set<string>;
}

const tables = new WeakMap<FastifyInstance, Map<string, RouteEntry>>();

/**
 * Fastify answers an existing path with the wrong method as "not found". To answer 405 with `Allow` instead,
 * remember every route's path pattern as it is registered. Call before the routes are added.
 */
export function trackRoutes(fastify: FastifyInstance): void {
  const table = new Map<string, RouteEntry>();
  tables.set(fastify, table);
  fastify.addHook('onRoute', (route) => {
    const url = route.url;
    // @fastify/cors's catch-all `OPTIONS *` serves preflights only: counted, it would make every path look
    // like a route allowing OPTIONS (405 instead of 404 for paths that exist nowhere).
    if (url === '*') return;
    const entry = table.get(url) ?? { pattern: patternOf(url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method);
    table.set(url, entry);
  });
}

export function allowedMethodsFor(request: FastifyRequest): string[] {
  const table = tables.get(request.server);
  if (!table) return [];
  const path = request.url.split('?')[0];
  const allowed = new Set<string>();
  for (const entry of table.values()) {
    if (entry.pattern.test(path)) entry.methods.forEach((m) => allowed.add(m));
  }
  return [...allowed].sort();
}

/** Every route registered so far, as path template and methods: what sweeps over the route table iterate. */
export function registeredRoutes(fastify: FastifyInstance): Array<{ url: string; methods: string[] }> {
  return [...(tables.get(fastify)?.entries() ?? [])].map(([url, entry]) => ({ url, methods: [...entry.methods].sort() }));
}

function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) return '[^/]+';
      if (segment === '*') return '.*';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}
