/**
 * State that must be shared by every instance of the service: the M2M token, verification records, counters,
 * locks, idempotency records. In memory by default (one instance only); Redis when REDIS_URL is set.
 * Keys are given without the deployment prefix; implementations add it.
 */
export interface CappedGroupLimits {
  maxEntries: number;
  maxBytes: number;
}

export abstract class SharedStore {
  abstract readonly kind: 'memory' | 'redis';
  abstract get<T>(key: string): Promise<T | undefined>;
  abstract set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  abstract delete(key: string): Promise<void>;
  /** Atomically increments a counter; the expiry is set when the counter is created (a fixed window). */
  abstract increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }>;
  /** Sets the key only if absent (SET NX PX). Returns whether it was set. */
  abstract setIfAbsent<T>(key: string, value: T, ttlMs: number): Promise<boolean>;
  /** Deletes the key only if it still holds `value` (safe lock release). */
  abstract deleteIfEquals<T>(key: string, value: T): Promise<boolean>;
  /**
   * Stores `value` at `key` (like `set`) as the newest member of the capped group `group`, then deletes the
   * group's oldest members until it holds at most `limits.maxEntries` keys and `limits.maxBytes` bytes (the
   * size of a member is the length of its JSON). The new member itself is never evicted by this call, so a
   * caller keeps the bytes bound by storing nothing larger than `maxBytes`. One atomic step: concurrent
   * writers (other instances) cannot both see room for one more. A member that expired or was deleted is
   * dropped from the group when it comes up for eviction. Returns how many live members were evicted.
   */
  abstract setCapped<T>(group: string, key: string, value: T, ttlMs: number, limits: CappedGroupLimits): Promise<{ evicted: number }>;
  /** Remaining lifetime in ms, or undefined when absent. */
  abstract ttl(key: string): Promise<number | undefined>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
