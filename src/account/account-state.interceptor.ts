import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { AccountStateService } from './account-state.service.js';
import { requestOf } from '../common/http/request-parts.js';

/**
 * Bound to every mutating /me route, outside the idempotency interceptor (IdempotentMutations): a request
 * that succeeded without calling Logto (an idempotent replay, a retry of a verified code) still passes the
 * fresh suspension check before its answer goes out, and a refusal that a handler swallowed still refuses.
 */
@Injectable()
export class AccountStateInterceptor implements NestInterceptor {
  constructor(private readonly accounts: AccountStateService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const check = this.accounts.current(requestOf(context).context);
    if (!check?.mutating) return next.handle();
    return next.handle().pipe(
      mergeMap((body) => from(this.accounts.settle(check).then(() => body))),
      // A failure that called Logto was checked first; one that did not (validation, a missing step-up,
      // an unknown verification) changed nothing and is answered as it is, without a read of the user.
      catchError((error: unknown) => throwError(() => check.refusal ?? error)),
    );
  }
}
