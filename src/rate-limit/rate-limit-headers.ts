import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors/domain-error.js';
import { rateLimitRejections } from '../observability/metrics.js';

/** Where one request stands in one quota policy, as the RateLimit header fields advertise it. */
export interface QuotaState {
  /** Policy name, e.g. `user` or `ip`. */
  policy: string;
  /** Requests allowed per window (`q`). */
  quota: number;
  windowSeconds: number;
  /** Requests left in the current window (`r`). */
  remaining: number;
  /** Seconds until the window resets (`t`). */
  resetSeconds: number;
}

/**
 * Adds this policy to the `RateLimit-Policy` and `RateLimit` fields (IETF draft-ietf-httpapi-ratelimit-headers:
 * Structured Field lists, `"name";q=..;w=..` and `"name";r=..;t=..`), keeping policies already listed by an
 * earlier limiter of the same request.
 */
export function advertiseQuota(reply: FastifyReply, state: QuotaState): void {
  // Every /me request passes here twice (per-IP and per-user): no intermediate object or entries array.
  appendListMember(reply, 'ratelimit-policy', policyMember(state));
  appendListMember(reply, 'ratelimit', quotaMember(state));
}

function appendListMember(reply: FastifyReply, name: string, value: string): void {
  const existing = reply.getHeader(name);
  reply.header(name, typeof existing === 'string' && existing !== '' ? `${existing}, ${value}` : value);
}

function policyMember(state: QuotaState): string {
  return `"${state.policy}";q=${state.quota};w=${state.windowSeconds}`;
}

function quotaMember(state: QuotaState): string {
  return `"${state.policy}";r=${Math.max(0, state.remaining)};t=${state.resetSeconds}`;
}

export function quotaHeaders(state: QuotaState): Record<'ratelimit-policy' | 'ratelimit', string> {
  return { 'ratelimit-policy': policyMember(state), ratelimit: quotaMember(state) };
}

/**
 * 429 `rate_limit.exceeded`: when to come back (Retry-After, RFC 9110 §10.2.3) and which policy was hit.
 * Counted in `rate_limit_rejections_total` with the policy name as bucket.
 */
export function rateLimitExceeded(state: QuotaState, who: string): DomainError {
  rateLimitRejections.inc({ bucket: state.policy });
  return new DomainError('rate_limit.exceeded', `Too many requests from this ${who}. Retry after ${state.resetSeconds} seconds.`, {
    headers: { 'retry-after': String(state.resetSeconds), ...quotaHeaders({ ...state, remaining: 0 }) },
    extensions: { policy: state.policy },
  });
}
