import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors/domain-error.js';
import { rateLimitRejections } from '../observability/metrics.js';
import type { RateLimitCounter } from './rate-limit-counter.js';

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

/** Both limits count over a fixed one-minute window (RATE_LIMIT_PER_*_PER_MINUTE). */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * Counts one request against a per-minute policy in the shared store: over the limit, throws
 * 429 `rate_limit.exceeded` (`who` names the limited party in its detail); otherwise advertises the quota
 * left on the response. The one step shared by the per-address hook and the per-user guard.
 */
export async function countRequest(
  counter: Pick<RateLimitCounter, 'hit'>,
  reply: FastifyReply,
  limit: { key: string; policy: string; quota: number; who: string },
): Promise<void> {
  const { count, resetSeconds } = await counter.hit(limit.policy, limit.key, RATE_LIMIT_WINDOW_MS);
  const state: QuotaState = {
    policy: limit.policy,
    quota: limit.quota,
    windowSeconds: RATE_LIMIT_WINDOW_MS / 1000,
    remaining: limit.quota - count,
    resetSeconds,
  };
  if (count > limit.quota) throw rateLimitExceeded(state, limit.who);
  advertiseQuota(reply, state);
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
