import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { IpRateLimitHook } from './ip-rate-limit.hook.js';
import { RateLimitCounter } from './rate-limit-counter.js';
import { USER_POLICY, UserRateLimitGuard } from './user-rate-limit.guard.js';

export { USER_POLICY };

/**
 * Per-user and per-IP rate limits, counted in the shared store (so over all instances). Over a limit: 429
 * `rate_limit.exceeded` with Retry-After and the RateLimit-Policy / RateLimit fields, which successful
 * responses carry too.
 *
 * Not @nestjs/throttler: its ThrottlerGuard runs after routing and the other guards, while the per-address
 * limit must run in a Fastify onRequest hook before the token is checked; it sends X-RateLimit-* headers, not
 * the IETF fields this service's clients read; and one policy for every /me route needs none of its
 * per-route metadata. What was left of it (a storage interface and an IPv6 /64 helper) did not pay for a
 * CommonJS package that Nest 12's ESM build could only load through a top-level-await workaround.
 */
@Module({
  providers: [RateLimitCounter, IpRateLimitHook, { provide: APP_GUARD, useClass: UserRateLimitGuard }],
})
export class RateLimitModule {}
