import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AllConfig } from '../config/app-config.js';
import { countRequest } from './rate-limit-headers.js';
import { isAccountRoute } from './rate-limit-scope.js';
import { RateLimitCounter } from './rate-limit-counter.js';

export const USER_POLICY = 'user';

/**
 * The per-user limit on every /me route, counted per user over all routes and instances. A global guard
 * registered after the access-token guard (RateLimitModule is imported after AuthModule), so the user is
 * known: the id comes from the verified token, never from the request.
 *
 * One policy for every /me route, so no per-route metadata to read: one store increment per request.
 */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  private readonly limit: number;

  constructor(
    private readonly counter: RateLimitCounter,
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
    await countRequest(this.counter, reply, { key: userId, policy: USER_POLICY, quota: this.limit, who: 'user' });
    return true;
  }
}
