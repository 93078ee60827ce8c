import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/app-config.js';
import { countRequest } from './rate-limit-headers.js';
import { isAccountRoute } from './rate-limit-scope.js';
import { RateLimitCounter } from './rate-limit-counter.js';
import { replyOf, requestOf } from '../common/http/request-parts.js';

const allow = (): true => true;

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
    const request = requestOf(context);
    if (!request.identity || !isAccountRoute(request)) return true;
    return countRequest(this.counter, replyOf(context), { key: request.identity.userId, policy: USER_POLICY, quota: this.limit, who: 'user' }).then(allow);
  }
}
