import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { buildInfo } from './build-info.js';

/**
 * Every Prometheus metric of the service, in one registry served by GET /metrics (prom-client's text
 * exposition). Names and units follow Prometheus conventions (`_seconds`, `_total`, base units).
 *
 * Labels carry only values from small, closed sets written in this code base: route templates (never the
 * raw path), HTTP method, status class, Logto operation names, outcomes, bucket and method names. No label
 * ever carries a user id, an address, a token or anything a client chooses, so the series count stays
 * bounded whatever the traffic.
 *
 * One registry per process (the prom-client idiom): several app instances in one process — only tests do
 * that — add to the same series, as they would if they were one service.
 */
export const registry = new Registry();

/** Seconds; from 5 ms (a cached-token `GET /me`) to Logto's timeout range. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Time from receiving a request to sending the last byte of its response, by method, route template and status class.',
  labelNames: ['method', 'route', 'status_class'] as const,
  buckets: DURATION_BUCKETS,
  registers: [registry],
});

export type LogtoCallOutcome =
  | 'success'
  /** Logto answered 4xx and the call was translated into a domain error (e.g. a wrong password). */
  | 'rejected'
  | 'timeout'
  | 'unreachable'
  | 'server_error'
  | 'bad_response'
  | 'circuit_open'
  | 'auth_failed'
  /** Anything else: a bug on this side, not Logto's. */
  | 'error';

export const logtoRequestDuration = new Histogram({
  name: 'logto_request_duration_seconds',
  help: 'Duration of calls to Logto (Management API, token endpoint, JWKS, discovery), retries included, by operation and outcome.',
  labelNames: ['operation', 'outcome'] as const,
  buckets: DURATION_BUCKETS,
  registers: [registry],
});

export const m2mTokenRequests = new Counter({
  name: 'logto_m2m_token_requests_total',
  help: 'Client-credentials token requests to Logto for the Management API token, by outcome (success, failure).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const jwksFetches = new Counter({
  name: 'logto_jwks_fetches_total',
  help: "Fetches of Logto's JWKS (signing keys of user access tokens), by outcome (success, failure).",
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export type BreakerState = 'closed' | 'open' | 'half_open';
const BREAKER_STATES: BreakerState[] = ['closed', 'open', 'half_open'];

export const circuitBreakerState = new Gauge({
  name: 'logto_circuit_breaker_state',
  help: 'State of the circuit breaker in front of Logto: 1 for the current state, 0 for the others.',
  labelNames: ['state'] as const,
  registers: [registry],
});

export function setBreakerState(state: BreakerState): void {
  for (const candidate of BREAKER_STATES) circuitBreakerState.set({ state: candidate }, candidate === state ? 1 : 0);
}
setBreakerState('closed');

/**
 * Requests refused by a limit, by bucket: `ip` and `user` (per-minute request quotas), `code_send_minute` and
 * `code_send_hour` (verification codes per user and channel).
 */
export const rateLimitRejections = new Counter({
  name: 'rate_limit_rejections_total',
  help: 'Requests refused with 429 by a rate limit, by bucket.',
  labelNames: ['bucket'] as const,
  registers: [registry],
});

export type VerificationMethod = 'password' | 'email' | 'phone';

export const verificationLockouts = new Counter({
  name: 'verification_lockouts_total',
  help: 'Step-up verifications locked after repeated failures, by method (password: the user is locked for a window; email/phone: the code is burned).',
  labelNames: ['method'] as const,
  registers: [registry],
});

export const verificationRecordsCreated = new Counter({
  name: 'verification_records_created_total',
  help: 'Step-up verification records created, by method.',
  labelNames: ['method'] as const,
  registers: [registry],
});

export const verificationRecordsVerified = new Counter({
  name: 'verification_records_verified_total',
  help: 'Step-up verification records verified (right password or code), by method.',
  labelNames: ['method'] as const,
  registers: [registry],
});

export const verificationRecordsFailed = new Counter({
  name: 'verification_records_failed_total',
  help: 'Failed step-up verification attempts (wrong password or code), by method.',
  labelNames: ['method'] as const,
  registers: [registry],
});

/**
 * Always 1; the labels say which build runs (`count by (version) (app_build_info)` shows a rolling update's
 * progress). Set when the first app serves metrics.
 */
export const appBuildInfo = new Gauge({
  name: 'app_build_info',
  help: 'Build of the running service: version (package.json) and commit (GIT_COMMIT at image build); the value is always 1.',
  labelNames: ['version', 'commit'] as const,
  registers: [registry],
});

/**
 * The last readiness check of each dependency (`logto`, `managementApi`, `redis`): 1 up, 0 down. Updated when
 * GET /health/ready computes (at most once per READINESS_CACHE_MS), so an orchestrator's probes keep it fresh;
 * the alert rules (deploy/prometheus/alerts.yaml) read it because readiness stays 200 during an outage.
 */
export const dependencyUp = new Gauge({
  name: 'app_dependency_up',
  help: 'Whether the last readiness check found the dependency working (1) or not (0), by dependency.',
  labelNames: ['dependency'] as const,
  registers: [registry],
});

let processMetricsStarted = false;

/**
 * Process metrics (CPU, memory, heap, event-loop lag, GC, handles), collected on scrape by prom-client.
 * Started when the first app serves metrics rather than at import, so importing this module has no side
 * effect beyond defining the series.
 */
export function startProcessMetrics(): void {
  if (processMetricsStarted) return;
  processMetricsStarted = true;
  collectDefaultMetrics({ register: registry });
  const { version, commit } = buildInfo();
  appBuildInfo.set({ version, commit }, 1);
}

/** `2xx`, `4xx`, … */
export function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

const templates = new Map<string, string>();

/**
 * Fastify's route pattern in OpenAPI form (`/me/sessions/:sessionId` → `/me/sessions/{sessionId}`), the
 * label for a request's route. Requests that matched no route share one label: their raw path is whatever
 * the client sent and must never become a series.
 */
export function routeTemplate(pattern: string | undefined): string {
  if (pattern === undefined) return 'unmatched';
  let template = templates.get(pattern);
  if (template === undefined) {
    template = pattern.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    templates.set(pattern, template);
  }
  return template;
}
