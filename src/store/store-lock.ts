import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';
import type { SharedStore } from './shared-store.js';

export interface StoreLockTimings {
  /** Lifetime of the lock key: a holder that dies blocks others this long at most. */
  ttlMs: number;
  /** How long to wait for the key before giving up with 409 `account.busy`. */
  waitMs: number;
}

const POLL_MS = 15;
const logger = new Logger('StoreLock');

/**
 * Runs `work` holding `key` in the shared store: SET NX PX with a random token, released only by its holder
 * (delete-if-equals), expiring after `ttlMs` if the holder dies; across instances when the store is Redis.
 * The one lock mechanism of the service (per-user writes, the deletion index, the reserved custom data).
 * An aborted `signal` ends the wait with its reason (the client it was for has gone).
 */
export async function withStoreLock<T>(
  store: SharedStore,
  key: string,
  timings: StoreLockTimings,
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const token = randomUUID();
  // Real time, not the injected Clock: this is a wait for another process, whose lock expires in store time.
  const deadline = Date.now() + timings.waitMs;
  while (!(await store.setIfAbsent(key, token, timings.ttlMs))) {
    signal?.throwIfAborted();
    if (Date.now() > deadline) {
      const remainingMs = (await store.ttl(key)) ?? 1000;
      throw accountBusy(Math.min(remainingMs, timings.ttlMs));
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS + Math.random() * POLL_MS));
  }
  try {
    return await work();
  } finally {
    // The work is done: failing to release (Redis just went away) must not turn its success into an error the
    // client would retry. The key expires by itself.
    await store.deleteIfEquals(key, token).catch((error: unknown) => {
      logger.warn({ err: error, key }, 'could not release a store lock; it will expire');
    });
  }
}

/** 409 `account.busy`, with a Retry-After of `retryAfterMs` rounded up to whole seconds (at least 1). */
export function accountBusy(retryAfterMs: number): DomainError {
  return new DomainError('account.busy', 'Another change to this account is in progress. Try again.', {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  });
}
