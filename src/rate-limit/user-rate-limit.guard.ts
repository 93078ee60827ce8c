import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ThrottlerStorage as Storage } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AllConfig } from '../config/app-config.js';
import { advertiseQuota, rateLimitExceeded, type QuotaState } from './rate-limit-headers.js';
import { isAccountRoute } from './rate-limit-scope.js';
import { ThrottlerStorage } from './throttler.js';

export const USER_POLICY = 'user';
const WINDOW_MS = 60_000;

/**
 * The per-user limit on every /me route, counted per user over all routes and instances. A global guard
 * registered after the access-token guard (RateLimitModule is imported after AuthModule), so the user is
 * known: the id comes from the verified token, never from the request.
 *
 * It counts in @nestjs/throttler's storage (the shared store) but is not a ThrottlerGuard: that guard reads
 * five route metadata keys and awaits five promises per request to support per-route @Throttle/@SkipThrottle
 * overrides, which this service does not use (one policy for every /me route). Here: one store increment.
 */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  private readonly limit: number;

  constructor(
    @Inject(ThrottlerStorage) private readonly storage: Storage,
    config: ConfigService<AllConfig, true>,
  ) {
    this.limit = config.get('rateLimit', { infer: true }).perUserPerMinute;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (!request.identity || !isAccountRoute(request)) return true;
    return this.count(request.identity.userId, http.getResponse<FastifyReply>());
  }

  private async count(userId: string, reply: FastifyReply): Promise<boolean> {
    const record = await this.storage.increment(userId, WINDOW_MS, this.limit, WINDOW_MS, USER_POLICY);
    const state: QuotaState = {
      policy: USER_POLICY,
      quota: this.limit,
      windowSeconds: WINDOW_MS / 1000,
      remaining: this.limit - record.totalHits,
      resetSeconds: record.timeToExpire,
    };
    if (record.isBlocked) throw rateLimitExceeded(state, 'user');
    advertiseQuota(reply, state);
    return true;
  }
}
