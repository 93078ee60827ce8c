import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountStateGuard } from './account-state.guard.js';
import { AccountStateInterceptor } from './account-state.interceptor.js';
import { AccountStateService } from './account-state.service.js';

/**
 * Whether the caller's account may be used (suspension, deletion), checked on every /me request. Global like
 * AuthModule: the Logto gateway runs every call under the check, and every domain module's mutating routes
 * get the interceptor. Imported right after AuthModule, so its guard runs after the access-token guard.
 */
@Global()
@Module({
  providers: [AccountStateService, AccountStateInterceptor, { provide: APP_GUARD, useClass: AccountStateGuard }],
  exports: [AccountStateService, AccountStateInterceptor],
})
export class AccountModule {}
