import { ApplicationConfig } from '@nestjs/core';
import { AccountStateGuard } from '../../src/account/account-state.guard.js';
import { AccessTokenGuard } from '../../src/auth/access-token.guard.js';
import { UserRateLimitGuard } from '../../src/rate-limit/user-rate-limit.guard.js';
import { useEmulatorApp } from '../support/test-app.js';

/**
 * The global guards run in the order their modules are registered. The account check reads the identity the
 * access-token guard sets and lets a request without one through, so it must come after that guard wherever
 * a module import moves AccountModule (LogtoModule imports it, and is registered before AuthModule).
 */
describe('global guard order', () => {
  const h = useEmulatorApp();

  it('verifies the token, then checks the account, then counts the user against the rate limit', () => {
    const guards = h.t.app.get(ApplicationConfig, { strict: false }).getGlobalGuards();
    expect(guards.map((guard) => guard.constructor)).toEqual([AccessTokenGuard, AccountStateGuard, UserRateLimitGuard]);
  });
});
