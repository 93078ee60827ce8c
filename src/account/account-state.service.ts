import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/app-config.js';
import { DomainError } from '../common/errors/domain-error.js';
import { currentRequestContext, type RequestContext } from '../common/logging/request-context.js';
import { HttpLogtoManagementGateway } from '../logto/http-logto-management.gateway.js';
import type { LogtoUser } from '../logto/logto.types.js';
import { SharedStore } from '../store/shared-store.js';
import { beforeCall, refusalOf, shareFreshActive, statusOfUser, type AccountStatus } from './account-status-rules.js';

export type { AccountStatus } from './account-status-rules.js';

/** The check of one authenticated /me request; lives as long as its request context. */
export interface AccountCheck {
  readonly userId: string;
  /** POST, PUT, PATCH, DELETE: the status must come from a fresh read of the user before anything reaches Logto. */
  readonly mutating: boolean;
  /** The status cached when the request started. */
  cached?: AccountStatus;
  /** A fresh read of the user has shown the account usable. */
  checked: boolean;
  /** The fresh read deciding the check, while in flight: the request's other Logto calls wait for it. */
  checking?: Promise<void>;
  /** The refusal, once decided: every later Logto call of the request fails with it. */
  refusal?: DomainError;
  /** The user a read request's check fetched, handed to the handler's own first read of it. */
  prefetched?: LogtoUser;
}

declare module '../common/logging/request-context.js' {
  interface RequestContext {
    /**
     * The account check of an authenticated /me request. A field of the context rather than a WeakMap keyed by
     * it: every request would add a short-lived key to a long-lived ephemeron table, which the garbage collector
     * walks on every young-generation collection.
     */
    accountCheck?: AccountCheck;
  }
}

export const statusKey = (userId: string) => `account-status:${userId}`;

/**
 * Whether an account may still be used: Logto's `isSuspended` (and whether the user still exists), which
 * Logto does not enforce on Management API calls about a suspended user. The status is shared by every
 * instance through the SharedStore, for SUSPENSION_CACHE_SECONDS; the Logto webhook updates it at once.
 *
 * Reads may trust the cached status. A request that changes something does not: before its first Logto
 * call, a fresh read of the user decides. That read is the handler's own `getUser` of the caller when it is
 * the first call (PATCH /me, DELETE /me, ...), so it costs nothing extra; otherwise one `getUser` is made
 * first. It is not taken earlier (before the handler) and handed over, because handlers read the user under
 * the per-user lock, and a read from before the lock could miss another request's change. The gateway
 * wrapper (account-checked.gateway.ts) applies this to every call; the guard and the interceptor open and
 * close it.
 */
@Injectable()
export class AccountStateService {
  private readonly logger = new Logger('AccountState');
  private readonly ttlMs: number;

  constructor(
    private readonly store: SharedStore,
    /** The unwrapped gateway: the check's own read must not run under the check. */
    private readonly logto: HttpLogtoManagementGateway,
    config: ConfigService<AllConfig, true>,
  ) {
    this.ttlMs = config.get('account', { infer: true }).suspensionCacheSeconds * 1000;
  }

  /** Opens the check of the current request. */
  begin(context: RequestContext, userId: string, mutating: boolean): AccountCheck {
    const check: AccountCheck = { userId, mutating, checked: false };
    context.accountCheck = check;
    return check;
  }

  /** The check of the request running in this async context, if it is an authenticated /me request. */
  current(context: RequestContext | undefined = currentRequestContext()): AccountCheck | undefined {
    return context?.accountCheck;
  }

  async cachedStatus(userId: string): Promise<AccountStatus | undefined> {
    if (this.ttlMs === 0) return undefined;
    return this.store.get<AccountStatus>(statusKey(userId));
  }

  /**
   * Shares what was learnt. `overwrite: false` keeps a status already there: a read that started before a
   * webhook delivery must not undo the suspension the delivery just recorded.
   */
  async remember(userId: string, status: AccountStatus, options: { overwrite: boolean }): Promise<void> {
    if (this.ttlMs === 0) return;
    try {
      if (options.overwrite) await this.store.set(statusKey(userId), status, this.ttlMs);
      else await this.store.setIfAbsent(statusKey(userId), status, this.ttlMs);
    } catch (error) {
      // The answer to this request stands; the other instances learn it from their own fresh read.
      this.logger.warn({ err: error, userId }, 'could not share an account status');
    }
  }

  /** Drops the cached status: the next request of the user reads it fresh. */
  async forget(userId: string): Promise<void> {
    await this.store.delete(statusKey(userId));
  }

  refusal(status: Exclude<AccountStatus, 'active'>): DomainError {
    const { code, detail } = refusalOf(status);
    return new DomainError(code, detail);
  }

  /**
   * Runs one Management API call of the current request under the check: `getUser` of the caller is watched
   * (a suspended or deleted user refuses the request), and in a mutating request nothing else reaches Logto
   * before a fresh read has shown the account usable.
   */
  async guardCall<T>(method: string, args: unknown[], call: () => Promise<T>): Promise<T> {
    const check = this.current();
    if (!check) return call();
    const decision = beforeCall({ ...check, refused: check.refusal !== undefined, checking: check.checking !== undefined }, method, args);
    if (decision === 'refuse' && check.refusal) throw check.refusal;
    if (decision === 'read-caller') return this.readCallerUser(check, call as () => Promise<LogtoUser>) as Promise<T>;
    if (decision === 'read-caller-custom-data') {
      const user = this.observe(check, this.logto.getUser(check.userId));
      this.track(check, user);
      return (await user).customData as T;
    }
    if (decision === 'check-first') await (check.checking ?? this.startCheck(check));
    return call();
  }

  /**
   * The check of a read request whose status is not cached: a fresh read now, whose user is kept for the
   * handler's own first read of the caller (GET /me reads it anyway, so that costs nothing).
   */
  async prefetch(check: AccountCheck): Promise<void> {
    check.prefetched = await this.observe(check, this.logto.getUser(check.userId));
  }

  /** A fresh check now, before the handler (a write whose cached status refuses: the user may be reinstated). */
  async checkNow(check: AccountCheck): Promise<void> {
    await this.startCheck(check);
  }

  /** At the end of a mutating request (or its replay) that never called Logto: the check still has to pass. */
  async settle(check: AccountCheck): Promise<void> {
    if (check.refusal) throw check.refusal;
    if (check.checked) return;
    await (check.checking ?? this.startCheck(check));
  }

  private readCallerUser(check: AccountCheck, call: () => Promise<LogtoUser>): Promise<LogtoUser> {
    const prefetched = check.prefetched;
    if (prefetched) {
      check.prefetched = undefined;
      return Promise.resolve(prefetched);
    }
    const read = this.observe(check, call());
    if (check.mutating && !check.checked && !check.checking) this.track(check, read);
    return read;
  }

  private startCheck(check: AccountCheck): Promise<void> {
    return this.track(check, this.observe(check, this.logto.getUser(check.userId)));
  }

  private track(check: AccountCheck, read: Promise<LogtoUser>): Promise<void> {
    const checking = read.then(() => undefined);
    // Awaited by whoever needs it; this branch only keeps an unobserved failure from being "unhandled".
    checking.catch(() => undefined);
    check.checking = checking;
    return checking;
  }

  private async observe(check: AccountCheck, read: Promise<LogtoUser>): Promise<LogtoUser> {
    let user: LogtoUser;
    try {
      user = await read;
    } catch (error) {
      // Logto's 404 for the caller: deleted meanwhile. Answered as today (404 account.not_found), and shared.
      if (error instanceof DomainError && error.code === 'account.not_found') {
        check.refusal = error;
        await this.remember(check.userId, 'deleted', { overwrite: true });
      }
      throw error;
    }
    if (statusOfUser(user) === 'suspended') {
      check.refusal = this.refusal('suspended');
      await this.remember(check.userId, 'suspended', { overwrite: true });
      throw check.refusal;
    }
    check.checked = true;
    const sharing = shareFreshActive(check.cached);
    if (sharing.share) {
      await this.remember(check.userId, 'active', { overwrite: sharing.overwrite });
      check.cached = 'active';
    }
    return user;
  }
}
