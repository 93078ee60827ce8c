import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';
import { SharedStore } from './shared-store.js';

const LOCK_TTL_MS = 15_000;
const WAIT_MS = 5_000;
const POLL_MS = 15;

/**
 * Serializes read-modify-write changes of one user's data (custom data, profile), so concurrent patches
 * cannot lose each other's keys. Within one instance waiters queue in order; across instances the lock is a
 * key in the shared store (SET NX PX with a token, released only by its holder, expiring if the holder dies).
 */
@Injectable()
export class UserLockService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: SharedStore) {}

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
    const deadline = Date.now() + WAIT_MS;
    while (!(await this.store.setIfAbsent(key, token, LOCK_TTL_MS))) {
      if (Date.now() > deadline) {
        throw new DomainError('account.busy', 'Another change to this account is in progress. Try again.', { headers: { 'retry-after': '1' } });
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
    }
    try {
      return await work();
    } finally {
      await this.store.deleteIfEquals(key, token);
    }
  }
}
