import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { routeTemplate } from './metrics.js';

/**
 * The service's spans, written against the OpenTelemetry API only (the SDK is loaded by `tracing.ts` when an
 * exporter is configured). Spans are explicit rather than produced by the http/undici/ioredis
 * instrumentations: those patch modules as they load, which ESM and jest's module registry do not allow
 * reliably, and they record full URLs — Management API queries carry email addresses and phone numbers.
 *
 * While no SDK is started every function here returns after one property read: no span objects, no context
 * switches, no header parsing.
 */
interface TracingState {
  tracer?: Tracer;
}

const state: TracingState = {};

/** Called by `startTracing` once an SDK with a tracer provider is registered, and with false on shutdown. */
export function setTracingEnabled(enabled: boolean): void {
  state.tracer = enabled ? trace.getTracer('logto-account-service') : undefined;
}

export function isTracingEnabled(): boolean {
  return state.tracer !== undefined;
}

/** A request's server span and the context to run the rest of the request in. */
export interface ServerSpan {
  span: Span;
  context: Context;
}

/**
 * Starts the server span of a request, continuing the caller's trace when it sent W3C `traceparent`
 * (and `tracestate`). Named `METHOD /route/{template}` (OpenTelemetry HTTP semantic conventions); the raw
 * path, query, client address and headers are not recorded.
 */
export function startServerSpan(method: string, routePattern: string | undefined, headers: Record<string, unknown>): ServerSpan | undefined {
  const tracer = state.tracer;
  if (!tracer) return undefined;
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const route = routePattern === undefined ? undefined : routeTemplate(routePattern);
  const span = tracer.startSpan(
    route ? `${method} ${route}` : method,
    { kind: SpanKind.SERVER, attributes: route ? { 'http.request.method': method, 'http.route': route } : { 'http.request.method': method } },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends a server span with the response status; the user id is the only personal datum a span carries. */
export function endServerSpan(span: Span, status: number, userId: string | undefined): void {
  span.setAttribute('http.response.status_code', status);
  if (userId) span.setAttribute('user.id', userId);
  // Semantic conventions: a 4xx is the client's doing and leaves a server span unset; a 5xx is an error.
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * Runs `fn` in a client span that is the active span meanwhile (so headers injected inside carry it), ending
 * it when `fn` settles. A thrown error marks the span failed with `error.type` = its domain code or name,
 * never its message.
 */
export function inClientSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span | undefined) => Promise<T>,
  options: { requireParent?: boolean } = {},
): Promise<T> {
  const tracer = state.tracer;
  if (!tracer) return fn(undefined);
  // Per-command spans (Redis) outside any request or job would only be noise: one root span per command.
  if (options.requireParent && !trace.getSpan(context.active())) return fn(undefined);
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setAttribute('error.type', errorType(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Adds `traceparent` (and `tracestate`) for the active span to outbound request headers. */
export function injectTraceHeaders(headers: Record<string, string>): void {
  if (!state.tracer) return;
  propagation.inject(context.active(), headers);
}

/** `trace_id` and `span_id` of the active span, for log lines. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  if (!state.tracer) return undefined;
  const span = trace.getSpan(context.active());
  return span ? traceIdsOf(span) : undefined;
}

export function traceIdsOf(span: Span): { trace_id: string; span_id: string } {
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

function errorType(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
