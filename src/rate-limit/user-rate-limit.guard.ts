import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from './throttler.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { advertiseQuota, rateLimitExceeded, type QuotaState } from './rate-limit-headers.js';
import { isAccountRoute } from './rate-limit-scope.js';

/**
 * The per-user limit on every /me route, counted per user over all routes and instances. A global guard
 * registered after the access-token guard (RateLimitModule is imported after AuthModule), so the user is
 * known: the id comes from the verified token, never from the request.
 */
@Injectable()
export class UserRateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return !request.identity || !isAccountRoute(request);
  }

  protected override async handleRequest({ context, limit, ttl, throttler }: ThrottlerRequest): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const name = throttler.name ?? 'user';
    const record = await this.storageService.increment(request.identity!.userId, ttl, limit, ttl, name);
    const state: QuotaState = {
      policy: name,
      quota: limit,
      windowSeconds: Math.ceil(ttl / 1000),
      remaining: limit - record.totalHits,
      resetSeconds: record.timeToExpire,
    };
    if (record.isBlocked) throw rateLimitExceeded(state, 'user');
    advertiseQuota(http.getResponse<FastifyReply>(), state);
    return true;
  }
}
