import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountStateGuard } from './account-state.guard.js';
import { AccountStateInterceptor } from './account-state.interceptor.js';
import { AccountStateService } from './account-state.service.js';
import { ReservedDataService } from './reserved-data.service.js';

/**
 * Per-user state several domains share: whether the caller's account may be used (suspension, deletion: the
 * guard on every /me request and the interceptor that every mutating /me route gets through
 * `@AccountController`), and the reserved custom-data record (ReservedDataService: a scheduled deletion, the
 * activity records). The definition of a sign-in method (`sign-in-methods.ts`) is plain functions beside it.
 *
 * Not global: a domain module imports it when it uses it. LogtoModule imports it too, since the gateway
 * every service gets runs each call under the account check. Imported by AppModule right after AuthModule,
 * so its guard runs after the access-token guard.
 */
@Module({
  providers: [AccountStateService, AccountStateInterceptor, ReservedDataService, { provide: APP_GUARD, useClass: AccountStateGuard }],
  exports: [AccountStateService, AccountStateInterceptor, ReservedDataService],
})
export class AccountModule {}
