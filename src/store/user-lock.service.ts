import { Inject, Injectable, Optional } from '@nestjs/common';
import { SharedStore } from './shared-store.js';
import { withStoreLock, type StoreLockTimings } from './store-lock.js';

export type UserLockTimings = StoreLockTimings;

/** Injection token to change the timings (tests); the defaults suit production. */
export const USER_LOCK_TIMINGS = Symbol('USER_LOCK_TIMINGS');

const DEFAULT_TIMINGS: UserLockTimings = { ttlMs: 15_000, waitMs: 5_000 };

/**
 * Serializes read-modify-write changes of one user's data (custom data, profile), so concurrent patches
 * cannot lose each other's keys. Within one instance waiters queue in order; across instances the lock is a
 * key in the shared store (SET NX PX with a token, released only by its holder, expiring if the holder dies).
 */
@Injectable()
export class UserLockService {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly timings: UserLockTimings;

  constructor(
    private readonly store: SharedStore,
    @Optional() @Inject(USER_LOCK_TIMINGS) timings?: UserLockTimings,
  ) {
    this.timings = timings ?? DEFAULT_TIMINGS;
  }

  async withUserLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
    // Local queue first: one instance never competes with itself for the shared key.
    const previous = this.queues.get(userId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.withSharedLock(userId, work));
    const tail = run.catch(() => undefined);
    this.queues.set(userId, tail);
    void tail.then(() => {
      if (this.queues.get(userId) === tail) this.queues.delete(userId);
    });
    return run;
  }

  private withSharedLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
    // In memory the local queue above is already the whole lock.
    if (this.store.kind === 'memory') return work();
    return withStoreLock(this.store, `lock:user:${userId}`, this.timings, work);
  }
}
