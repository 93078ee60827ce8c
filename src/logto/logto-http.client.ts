import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import type { AllConfig, LogtoConfig } from '../config/app-config.js';
import { DomainError } from '../common/errors/domain-error.js';
import { clientClosed } from '../common/http/client-connection.js';
import { currentRequestContext, requestContext } from '../common/logging/request-context.js';
import { observeLogtoCall, recordLogtoStatus } from '../observability/logto-calls.js';
import { setBreakerState, type BreakerState } from '../observability/metrics.js';
import { injectTraceHeaders } from '../observability/spans.js';
import { translateLogtoError, type ErrorContext, type LogtoErrorBody } from './logto-errors.js';
import { M2MTokenProvider } from './m2m-token.provider.js';

export interface LogtoRequest {
  /** A stable operation name for logs and metrics, e.g. `getUser`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under the endpoint, e.g. `/api/users/abc`. Segments must already be encoded. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  errors?: ErrorContext;
  /** Statuses that are answers rather than errors for this call (e.g. 422 from password/verify). */
  acceptStatuses?: number[];
}

export interface LogtoResponse<T> {
  status: number;
  body: T;
  /** A response header's value (the first one when repeated), or undefined. Names are lower case. */
  header(name: string): string | undefined;
}

type UpstreamResponse = Dispatcher.ResponseData;

/** A failure of Logto itself (not of the request): retried when safe, counted by the circuit breaker. */
class UpstreamFailure extends Error {
  constructor(
    readonly kind: 'unreachable' | 'timeout' | 'server_error' | 'bad_response',
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`Logto ${kind}${status ? ` (${status})` : ''}`, options);
    this.name = 'UpstreamFailure';
  }
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
/** Gateway-ish statuses worth another try; a 500 is Logto's own bug and would fail again. */
const RETRYABLE_STATUSES = new Set([502, 503, 504]);

/**
 * Every request to Logto goes through here: a deadline for the whole call (LOGTO_TIMEOUT_MS, retries and
 * token refresh included), the M2M bearer token (refreshed once on 401), X-Request-Id and W3C traceparent
 * forwarding, at most two jittered retries of idempotent calls on connection errors and 502/503/504, and a
 * circuit breaker that opens after 5 consecutive failures and lets a trial call through after
 * LOGTO_BREAKER_HALF_OPEN_MS. Each call is one client span and one observation of
 * `logto_request_duration_seconds`; the breaker's state is the `logto_circuit_breaker_state` gauge.
 */
@Injectable()
export class LogtoHttpClient implements OnApplicationShutdown {
  private readonly logger = new Logger('Logto');
  /**
   * Our own connection pool to Logto, not undici's global one: whichever copy of undici is loaded first claims
   * the global dispatcher, and when it is Node's bundled one (after a `fetch` of the JWKS or the M2M token),
   * every call is dispatched by that older copy through a compatibility layer (docs/performance.md).
   */
  private readonly dispatcher = new Agent();
  private readonly config: LogtoConfig;
  readonly breaker: CircuitBreakerPolicy;
  private readonly retryPolicy: RetryPolicy;
  private openedAt = 0;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly tokens: M2MTokenProvider,
  ) {
    this.config = config.get('logto', { infer: true });
    this.breaker = circuitBreaker(
      handleWhen((error) => error instanceof UpstreamFailure),
      { halfOpenAfter: this.config.breakerHalfOpenMs, breaker: new ConsecutiveBreaker(5) },
    );
    this.breaker.onBreak(() => {
      this.openedAt = Date.now();
      this.logger.error({ halfOpenAfterMs: this.config.breakerHalfOpenMs }, 'circuit breaker opened: Logto is failing');
    });
    this.breaker.onReset(() => this.logger.log('circuit breaker closed: Logto answers again'));
    this.breaker.onStateChange((state) => setBreakerState(breakerStateLabel(state)));
    this.retryPolicy = retry(
      handleWhen(
        (error) =>
          error instanceof UpstreamFailure &&
          (error.kind === 'unreachable' || (error.kind === 'server_error' && RETRYABLE_STATUSES.has(error.status ?? 0))),
      ),
      { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 400 }) },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.close();
  }

  get breakerState(): 'closed' | 'open' | 'half-open' {
    const state = breakerStateLabel(this.breaker.state);
    return state === 'half_open' ? 'half-open' : state;
  }

  request<T>(req: LogtoRequest): Promise<LogtoResponse<T>> {
    if (clientGoneBeforeChange(req.method)) return Promise.reject(clientClosed());
    return observeLogtoCall(req.operation, req.method, () => this.execute<T>(req));
  }

  private async execute<T>(req: LogtoRequest): Promise<LogtoResponse<T>> {
    const { signal: deadline, clear } = this.deadline();
    const attempt = () => this.breaker.execute(() => this.attempt<T>(req, deadline));
    try {
      return IDEMPOTENT.has(req.method) ? await this.retryPolicy.execute(attempt, deadline) : await attempt();
    } catch (error) {
      throw this.toDomainError(error, req, deadline);
    } finally {
      clear();
    }
  }

  /**
   * One deadline for a whole call. Not AbortSignal.timeout(): fetch keeps a listener on that signal, so it
   * stays alive and fires LOGTO_TIMEOUT_MS after every call, finished or not.
   */
  private deadline(): { signal: AbortSignal; clear: () => void } {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('Logto did not answer in time', 'TimeoutError')),
      this.config.timeoutMs,
    );
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  }

  /**
   * A plain GET outside the Management API (OIDC discovery) for readiness, under the same deadline but outside
   * the breaker: probes are unauthenticated and a failing probe must never open the breaker user calls go
   * through (readiness caches its result, so this runs at most once per READINESS_CACHE_MS).
   */
  probe(path: string): Promise<void> {
    return observeLogtoCall('discovery', 'GET', () => this.executeProbe(path));
  }

  private async executeProbe(path: string): Promise<void> {
    const { signal: deadline, clear } = this.deadline();
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      injectTraceHeaders(headers);
      const response = await this.send(`${this.config.endpoint}${path}`, { method: 'GET', headers }, deadline);
      await response.body.dump();
      if (response.statusCode >= 300) throw new UpstreamFailure(response.statusCode >= 500 ? 'server_error' : 'bad_response', response.statusCode);
    } catch (error) {
      throw this.toDomainError(error, { operation: 'discovery', method: 'GET', path }, deadline);
    } finally {
      clear();
    }
  }

  private async attempt<T>(req: LogtoRequest, deadline: AbortSignal, isRetryAfter401 = false): Promise<LogtoResponse<T>> {
    const token = await this.tokens.getToken();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    const requestId = currentRequestContext()?.requestId;
    if (requestId) headers['x-request-id'] = requestId;
    injectTraceHeaders(headers);
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }

    const response = await this.send(this.url(req), { method: req.method, headers, body }, deadline);

    const status = response.statusCode;
    if (status === 401 && !isRetryAfter401) {
      // The token was revoked or the signing key rotated: get a new one and try once more.
      await response.body.dump();
      await this.tokens.invalidate(token);
      return this.attempt<T>(req, deadline, true);
    }
    if (status >= 500) {
      await response.body.dump().catch(() => undefined);
      throw new UpstreamFailure('server_error', status);
    }

    const text = await response.body.text().catch((error: unknown) => {
      throw new UpstreamFailure(deadline.aborted ? 'timeout' : 'bad_response', status, { cause: error });
    });
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new UpstreamFailure('bad_response', status, { cause: error });
      }
    }
    if ((status >= 200 && status < 300) || req.acceptStatuses?.includes(status)) {
      const headers = response.headers;
      return { status, body: parsed as T, header: (name) => firstValue(headers[name]) };
    }
    throw translateLogtoError(status, parsed as LogtoErrorBody | undefined, req.errors);
  }

  /**
   * undici's `request`, not `fetch`: the same connection pool without WHATWG streams and Request/Response/Headers
   * objects per call, and the deadline's abort listener is removed when the call ends, where fetch keeps it,
   * through a WeakRef and a FinalizationRegistry, until a full GC, so every call's signal would outlive it.
   *
   * Called outside the request context. undici's per-call handler is an AsyncResource: it keeps the async context
   * it was made in, and it outlives the call by more than one young-generation GC. Made inside the request
   * context, it kept the context alive, and with it the client's connection, Node's raw request and response and
   * their header strings: all promoted to the old generation, 11 KB per GET /me against the baseline's 3.3
   * (docs/performance.md, "Issue #20, third pass"). What the call needs of the context is in its headers already,
   * and the code after `await` runs in the caller's context again.
   */
  private async send(
    url: string,
    init: { method: LogtoRequest['method']; headers: Record<string, string>; body?: string },
    deadline: AbortSignal,
  ): Promise<UpstreamResponse> {
    try {
      const response = await requestContext.exit(() => undiciRequest(url, { ...init, signal: deadline, dispatcher: this.dispatcher }));
      recordLogtoStatus(response.statusCode);
      return response;
    } catch (error) {
      throw new UpstreamFailure(deadline.aborted ? 'timeout' : 'unreachable', undefined, { cause: error });
    }
  }

  /**
   * The endpoint, the path and the query, percent-encoded (RFC 3986). Not URLSearchParams: it is a transferable
   * platform object, costly to construct once per call for a query of one or two keys.
   */
  private url(req: LogtoRequest): string {
    let search = '';
    if (req.query) {
      for (const key in req.query) {
        const value = req.query[key];
        if (value === undefined) continue;
        search += `${search ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
      }
    }
    return `${this.config.endpoint}${req.path}${search}`;
  }

  private toDomainError(error: unknown, req: Pick<LogtoRequest, 'operation' | 'method' | 'path'>, deadline: AbortSignal): DomainError {
    if (error instanceof DomainError) return error;
    const context = { operation: req.operation, method: req.method };
    if (error instanceof BrokenCircuitError) {
      const remainingMs = Math.max(1000, this.config.breakerHalfOpenMs - (Date.now() - this.openedAt));
      return new DomainError('upstream.circuit_open', 'Logto is failing; the service pauses calls to it for a moment.', {
        headers: { 'retry-after': String(Math.ceil(remainingMs / 1000)) },
      });
    }
    if (deadline.aborted || (error instanceof UpstreamFailure && error.kind === 'timeout')) {
      this.logger.warn({ ...context, timeoutMs: this.config.timeoutMs }, 'Logto call timed out');
      return new DomainError('upstream.timeout', 'Logto did not answer in time.', { headers: { 'retry-after': '5' } });
    }
    if (error instanceof UpstreamFailure) {
      this.logger.warn({ ...context, kind: error.kind, status: error.status, err: error.cause }, 'Logto call failed');
      switch (error.kind) {
        case 'unreachable':
          return new DomainError('upstream.unreachable', 'Logto cannot be reached.', { headers: { 'retry-after': '5' } });
        case 'server_error':
          return new DomainError('upstream.unavailable', 'Logto answered with a server error.', { headers: { 'retry-after': '5' } });
        default:
          return new DomainError('upstream.bad_response', 'Logto answered with something unexpected.');
      }
    }
    // Not an upstream failure: a bug on our side. The filter logs it and answers a bare 500.
    throw error;
  }
}

/**
 * Work for a client that has disconnected stops before it reaches Logto, but only until the request's first
 * change has been sent: a change made of several calls is finished once started, not left halfway.
 */
function clientGoneBeforeChange(method: LogtoRequest['method']): boolean {
  const context = currentRequestContext();
  if (context === undefined || context.changedUpstream) return false;
  if (context.client?.gone) return true;
  if (method !== 'GET') context.changedUpstream = true;
  return false;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function breakerStateLabel(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
    case CircuitState.HalfOpen:
      return 'half_open';
    default:
      return 'closed';
  }
}
