import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';
import type { SharedStore } from '../store/shared-store.js';

const WAIT_MS = 5_000;
const POLL_MS = 10;

/**
 * Runs `work` holding `key` in the shared store: SET NX PX with a random token, released only by its holder
 * (delete-if-equals), expiring after `ttlMs` if the holder dies. Across instances when the store is Redis.
 * Waits up to 5 s for the key, then gives up with 409 account.busy.
 */
export async function withStoreLock<T>(store: SharedStore, key: string, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + WAIT_MS;
  while (!(await store.setIfAbsent(key, token, ttlMs))) {
    if (Date.now() > deadline) {
      throw new DomainError('account.busy', 'Another change to this account is in progress. Try again.', { headers: { 'retry-after': '1' } });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
  }
  try {
    return await work();
  } finally {
    await store.deleteIfEquals(key, token);
  }
}
