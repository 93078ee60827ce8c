/**
 * Fault injection: make the emulator slow, fail, answer garbage or drop the connection, so the
 * service's timeouts, retries and circuit breaking can be tested against a misbehaving Logto.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface FaultSpec {
  /** Path prefix or regexp tested against the path (query excluded); default: every /api and /oidc path. */
  match?: string | RegExp;
  /** HTTP methods (any case); default: all. */
  methods?: string[];
  /** Delay before answering (applies before any other effect, or alone). */
  latencyMs?: number;
  /** Forced response status (body defaults to a Logto-style 5xx body). */
  status?: number;
  body?: unknown;
  /** 200 with `content-type: application/json` and a truncated body. */
  malformedJson?: boolean;
  /** Close the connection without answering (like a crash). */
  destroySocket?: boolean;
  /**
   * Answer with the emulator's own answer for another user: every path segment and query value equal to
   * `from` is replaced by `to` (a proxy or cache that mixes up answers). For requests without a body.
   */
  swapUser?: { from: string; to: string };
  /** Apply to N matching requests, then stop; default: until cleared. */
  times?: number;
}

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
}

/** Marks the emulator's inner request of a `swapUser` fault, which no fault applies to. */
const BYPASS_HEADER = 'x-emulator-fault-bypass';

/** The inner request of a `swapUser` fault: part of the request that triggered it, not another one to count. */
export function isFaultAnswer(request: FastifyRequest): boolean {
  return request.headers[BYPASS_HEADER] !== undefined;
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class FaultInjector {
  private faults: ActiveFault[] = [];

  set(spec: FaultSpec): void {
    this.faults.push({ spec, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.faults = [];
  }

  private take(method: string, path: string): FaultSpec | undefined {
    for (const fault of this.faults) {
      if (fault.remaining <= 0 || !matches(fault.spec, method, path)) continue;
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      return fault.spec;
    }
    return undefined;
  }

  /**
   * Runs as the first onRequest hook. Returns true when the fault answered (or dropped) the
   * request, so the caller stops processing it.
   */
  async apply(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    if (isFaultAnswer(request)) return false;
    const path = (request.raw.url ?? request.url).split('?')[0] ?? '';
    const spec = this.take(request.method, path);
    if (!spec) return false;
    if (spec.latencyMs !== undefined && spec.latencyMs > 0) await delay(spec.latencyMs);
    if (spec.destroySocket) {
      reply.hijack();
      request.raw.socket.destroy();
      return true;
    }
    if (spec.swapUser) {
      const answer = await request.server.inject({
        method: request.method as 'GET',
        url: swapUser(request.raw.url ?? request.url, spec.swapUser),
        headers: { ...request.headers, [BYPASS_HEADER]: '1' },
      });
      await reply.code(answer.statusCode).header('content-type', answer.headers['content-type'] ?? 'application/json').send(answer.body);
      return true;
    }
    if (spec.malformedJson) {
      reply.hijack();
      const raw = reply.raw;
      const body = '{"id":"truncat';
      raw.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
      raw.end(body);
      return true;
    }
    if (spec.status !== undefined) {
      await reply
        .code(spec.status)
        .header('content-type', 'application/json; charset=utf-8')
        .send(spec.body ?? { code: 'unknown', message: 'Fault injected by the Logto emulator.' });
      return true;
    }
    return false;
  }
}

function matches(spec: FaultSpec, method: string, path: string): boolean {
  if (spec.methods && !spec.methods.some((m) => m.toUpperCase() === method.toUpperCase())) return false;
  if (spec.match === undefined) return path.startsWith('/api/') || path === '/api' || path.startsWith('/oidc/');
  if (typeof spec.match === 'string') return path.startsWith(spec.match);
  spec.match.lastIndex = 0;
  return spec.match.test(path);
}

function swapUser(url: string, { from, to }: { from: string; to: string }): string {
  const [path = '', query] = url.split('?');
  const swappedPath = path
    .split('/')
    .map((segment) => (segment === encodeURIComponent(from) ? encodeURIComponent(to) : segment))
    .join('/');
  if (query === undefined) return swappedPath;
  const params = new URLSearchParams(query);
  for (const [key, value] of [...params]) if (value === from) params.set(key, to);
  return `${swappedPath}?${params.toString()}`;
}
