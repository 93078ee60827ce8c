import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { isAccountRoute } from '../rate-limit/rate-limit-scope.js';
import { AccountStateService } from './account-state.service.js';
import { requestOf } from '../common/http/request-parts.js';
import { isMutatingMethod, onArrival } from './account-status-rules.js';

/**
 * Global guard, right after the access-token guard: opens the account check of every authenticated /me
 * request. A cached suspension (or deletion) refuses a read at once; a write reads the user fresh instead,
 * since the user may have been reinstated. A read with nothing cached reads the user now and hands it to the
 * handler. Writes otherwise are checked at their first Logto call (AccountStateService).
 */
@Injectable()
export class AccountStateGuard implements CanActivate {
  constructor(private readonly accounts: AccountStateService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = requestOf(context);
    const identity = request.identity;
    if (!identity || !request.context || !isAccountRoute(request)) return true;

    const mutating = isMutatingMethod(request.method);
    const check = this.accounts.begin(request.context, identity.userId, mutating);
    const cached = await this.accounts.cachedStatus(identity.userId);
    check.cached = cached;
    const decision = onArrival(cached, mutating);
    if (decision === 'refuse' && cached !== undefined && cached !== 'active') throw this.accounts.refusal(cached);
    if (decision === 'read-now') await this.accounts.checkNow(check);
    if (decision === 'prefetch') await this.accounts.prefetch(check);
    return true;
  }
}
