import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';
import { SharedStore } from './shared-store.js';

export interface UserLockTimings {
  /** Lifetime of the shared lock key: an instance that dies holding it blocks the user this long at most. */
  ttlMs: number;
  /** How long a change waits for the lock before giving up with 409 `account.busy`. */
  waitMs: number;
}

/** Injection token to change the timings (tests); the defaults suit production. */
export const USER_LOCK_TIMINGS = Symbol('USER_LOCK_TIMINGS');

const DEFAULT_TIMINGS: UserLockTimings = { ttlMs: 15_000, waitMs: 5_000 };
const POLL_MS = 15;

/**
 * Serializes read-modify-write changes of one user's data (custom data, profile), so concurrent patches
 * cannot lose each other's keys. Within one instance waiters queue in order; across instances the lock is a
 * key in the shared store (SET NX PX with a token, released only by its holder, expiring if the holder dies).
 */
@Injectable()
export class UserLockService {
  private readonly logger = new Logger('UserLock');
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

  private async withSharedLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
    if (this.store.kind === 'memory') return work();
    const key = `lock:user:${userId}`;
    const token = randomUUID();
    // Real time, not the injected Clock: this is a wait for another process, whose lock expires in Redis time.
    const deadline = Date.now() + this.timings.waitMs;
    while (!(await this.store.setIfAbsent(key, token, this.timings.ttlMs))) {
      if (Date.now() > deadline) {
        const remainingMs = (await this.store.ttl(key)) ?? 1000;
        throw new DomainError('account.busy', 'Another change to this account is in progress. Try again.', {
          headers: { 'retry-after': String(Math.min(Math.max(1, Math.ceil(remainingMs / 1000)), Math.ceil(this.timings.ttlMs / 1000))) },
        });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
    }
    try {
      return await work();
    } finally {
      // The change is done: failing to release (Redis just went away) must not turn its success into an
      // error the client would retry. The key expires by itself.
      await this.store.deleteIfEquals(key, token).catch((error: unknown) => {
        this.logger.warn({ err: error, userId }, 'could not release the user lock; it will expire');
      });
    }
  }
}
