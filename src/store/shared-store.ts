/**
 * State that must be shared by every instance of the service: the M2M token, verification records, counters,
 * locks, idempotency records. In memory by default (one instance only); Redis when REDIS_URL is set.
 * Keys are given without the deployment prefix; implementations add it.
 */
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
  /** Remaining lifetime in ms, or undefined when absent. */
  abstract ttl(key: string): Promise<number | undefined>;
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
