import { trace } from '@opentelemetry/api';
import { DomainError } from '../common/errors/domain-error.js';
import { logtoRequestDuration, type LogtoCallOutcome } from './metrics.js';
import { inClientSpan, isTracingEnabled } from './spans.js';

/** The outcome label of a failed Logto call, from the domain error it ended in. */
export function logtoCallOutcome(error: unknown): LogtoCallOutcome {
  if (!(error instanceof DomainError)) return 'error';
  switch (error.code) {
    case 'upstream.circuit_open':
      return 'circuit_open';
    case 'upstream.timeout':
      return 'timeout';
    case 'upstream.unreachable':
      return 'unreachable';
    case 'upstream.unavailable':
      return 'server_error';
    case 'upstream.bad_response':
      return 'bad_response';
    case 'upstream.auth_failed':
      return 'auth_failed';
    default:
      // Logto answered and said no (4xx translated into a domain error): Logto itself is fine.
      return 'rejected';
  }
}

/**
 * Runs one logical call to Logto (retries included) in a client span named `logto <operation>` and adds
 * its duration to `logto_request_duration_seconds{operation, outcome}`. `operation` is a name from the code
 * (`getUser`, `m2mToken`, `jwks`), never a URL: paths and queries carry user ids, emails and phone numbers.
 * `outcomeOf` classifies a call that resolved (e.g. a JWKS fetch answered 503); by default it succeeded.
 */
export async function observeLogtoCall<T>(
  operation: string,
  method: string,
  call: () => Promise<T>,
  outcomeOf: (result: T) => LogtoCallOutcome = () => 'success',
): Promise<T> {
  const started = performance.now();
  let outcome: LogtoCallOutcome = 'error';
  try {
    const result = await (isTracingEnabled()
      ? inClientSpan(`logto ${operation}`, { 'logto.operation': operation, 'http.request.method': method }, call)
      : call());
    outcome = outcomeOf(result);
    return result;
  } catch (error) {
    outcome = logtoCallOutcome(error);
    throw error;
  } finally {
    logtoRequestDuration.observe({ operation, outcome }, (performance.now() - started) / 1000);
  }
}

/** Records the HTTP status of the latest attempt on the active Logto call span. */
export function recordLogtoStatus(status: number): void {
  if (!isTracingEnabled()) return;
  trace.getActiveSpan()?.setAttribute('http.response.status_code', status);
}
