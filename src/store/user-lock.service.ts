import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/app-config.js';
import { clientClosed, type ClientConnection } from '../common/http/client-connection.js';
import { currentRequestContext } from '../common/logging/request-context.js';
import { SharedStore } from './shared-store.js';
import { accountBusy, withStoreLock, type StoreLockTimings } from './store-lock.js';

export interface UserLockTimings extends StoreLockTimings {
  /** Requests one user may have waiting on one instance; more get 409 `account.busy` at once. */
  maxQueuedPerUser: number;
  /** Requests waiting on one instance, all users together. */
  maxQueued: number;
}

/** Injection token to change the timings (tests); the defaults suit production. */
export const USER_LOCK_TIMINGS = Symbol('USER_LOCK_TIMINGS');

/**
 * `waitMs` defaults to LOGTO_TIMEOUT_MS: a client should not wait longer for its turn than for one Logto call,
 * and a Logto slow enough to queue changes up is the case where answering 409 quickly beats answering late.
 * Sixteen waiters per user are plenty for one person's devices; a script sending more is told to retry.
 */
const DEFAULTS = { ttlMs: 15_000, waitMs: 5_000, maxQueuedPerUser: 16, maxQueued: 1_000 } satisfies UserLockTimings;

interface Waiter {
  /** Hands the lock over; false when the waiter has already given up. */
  grant(): boolean;
}

/**
 * Serializes read-modify-write changes of one user's data (custom data, profile), so concurrent patches
 * cannot lose each other's keys. Within one instance waiters queue in order (a bounded queue); across instances
 * the lock is a key in the shared store (SET NX PX with a token, released only by its holder, expiring if the
 * holder dies). One deadline covers the whole wait, local queue and shared key together, and ends in 409
 * `account.busy` with Retry-After. A request whose client has disconnected leaves the queue at once, and its
 * work is not started.
 */
@Injectable()
export class UserLockService {
  /** A user present here holds the local lock; the array holds who waits for it, in order. */
  private readonly queues = new Map<string, Waiter[]>();
  private queued = 0;
  private readonly timings: UserLockTimings;

  constructor(
    private readonly store: SharedStore,
    @Optional() @Inject(USER_LOCK_TIMINGS) timings?: Partial<UserLockTimings>,
    @Optional() config?: ConfigService<AllConfig, true>,
  ) {
    const waitMs = config?.get('logto', { infer: true }).timeoutMs ?? DEFAULTS.waitMs;
    this.timings = { ...DEFAULTS, waitMs, ...timings };
  }

  async withUserLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.timings.waitMs;
    const client = currentRequestContext()?.client;
    if (client?.gone) throw clientClosed();
    // Local queue first: one instance never competes with itself for the shared key.
    await this.acquireLocal(userId, deadline, client);
    try {
      return await this.withSharedLock(userId, deadline, client, () => {
        if (client?.gone) throw clientClosed();
        return work();
      });
    } finally {
      this.releaseLocal(userId);
    }
  }

  private acquireLocal(userId: string, deadline: number, client: ClientConnection | undefined): Promise<void> | void {
    const waiters = this.queues.get(userId);
    if (waiters === undefined) {
      this.queues.set(userId, []);
      return;
    }
    if (waiters.length >= this.timings.maxQueuedPerUser || this.queued >= this.timings.maxQueued) {
      throw accountBusy(this.timings.waitMs);
    }
    const signal = client?.signal;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        this.queued -= 1;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        return true;
      };
      const leave = (error: unknown) => {
        if (!settle()) return;
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        reject(error);
      };
      const onAbort = () => leave(signal?.reason);
      const waiter: Waiter = {
        grant: () => {
          if (!settle()) return false;
          resolve();
          return true;
        },
      };
      const timer = setTimeout(() => leave(accountBusy(this.timings.waitMs)), Math.max(0, deadline - Date.now()));
      signal?.addEventListener('abort', onAbort, { once: true });
      waiters.push(waiter);
      this.queued += 1;
    });
  }

  private releaseLocal(userId: string): void {
    const waiters = this.queues.get(userId);
    if (waiters === undefined) return;
    for (let next = waiters.shift(); next !== undefined; next = waiters.shift()) {
      if (next.grant()) return;
    }
    this.queues.delete(userId);
  }

  private withSharedLock<T>(userId: string, deadline: number, client: ClientConnection | undefined, work: () => Promise<T>): Promise<T> {
    // In memory the local queue above is already the whole lock.
    if (this.store.kind === 'memory') return work();
    const timings = { ttlMs: this.timings.ttlMs, waitMs: Math.max(0, deadline - Date.now()) };
    return withStoreLock(this.store, `lock:user:${userId}`, timings, work, client?.signal);
  }
}
