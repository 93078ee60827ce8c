import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from './throttler.js';
import type { SharedStore } from '../store/shared-store.js';

/**
 * @nestjs/throttler's storage over the shared store, so limits are counted over every instance (Redis:
 * one atomic INCR + PEXPIRE). The published Redis storages declare Nest ≤ 11 peers and do not install
 * beside Nest 12. Windows are fixed (the counter expires `ttl` after its first hit); a client over the
 * limit stays blocked until the window ends, so `blockDuration` is the rest of the window.
 */
export class SharedStoreThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: SharedStore) {}

  async increment(key: string, ttlMs: number, limit: number, _blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const { count, resetInMs } = await this.store.increment(`ratelimit:${throttlerName}:${key}`, ttlMs);
    const timeToExpire = Math.max(1, Math.ceil(resetInMs / 1000));
    const isBlocked = count > limit;
    return { totalHits: count, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
