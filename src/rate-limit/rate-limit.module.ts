import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from './throttler.js';
import type { AllConfig } from '../config/app-config.js';
import { SharedStore } from '../store/shared-store.js';
import { IpRateLimitHook } from './ip-rate-limit.hook.js';
import { RATE_LIMIT_WINDOW_MS } from './rate-limit-headers.js';
import { SharedStoreThrottlerStorage } from './shared-store-throttler.storage.js';
import { USER_POLICY, UserRateLimitGuard } from './user-rate-limit.guard.js';

export { USER_POLICY };

/**
 * Per-user and per-IP rate limits with @nestjs/throttler, counted in the shared store (so over all
 * instances). Over a limit: 429 `rate_limit.exceeded` with Retry-After and the RateLimit-Policy / RateLimit
 * fields, which successful responses carry too.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, SharedStore],
      useFactory: (config: ConfigService<AllConfig, true>, store: SharedStore) => ({
        throttlers: [{ name: USER_POLICY, ttl: RATE_LIMIT_WINDOW_MS, limit: config.get('rateLimit', { infer: true }).perUserPerMinute }],
        storage: new SharedStoreThrottlerStorage(store),
        setHeaders: false,
      }),
    }),
  ],
  providers: [IpRateLimitHook, { provide: APP_GUARD, useClass: UserRateLimitGuard }],
})
export class RateLimitModule {}
