import type { KeyvStoreAdapter, StoredData } from 'keyv';
import type { SharedStore } from '../store/shared-store.js';

/**
 * A Keyv store over the service's SharedStore, for the reference cache in Redis. It reuses the store's one
 * ioredis connection, its KEY_PREFIX, its command timeouts and its fail-fast behaviour while Redis is away,
 * rather than bringing a second Redis client library and a second connection (as the published Keyv Redis
 * adapters do). Keyv turns a failing read into a miss, so an outage costs Logto calls, not errors.
 */
export class SharedStoreKeyv implements Pick<KeyvStoreAdapter, 'get' | 'set' | 'delete' | 'clear'> {
  readonly opts = { dialect: 'shared-store' };
  namespace?: string;
  /** The keys written through this adapter (a handful of reference keys), so `clear` can reach them. */
  private readonly written = new Set<string>();

  constructor(
    private readonly store: SharedStore,
    /** Keeps these keys apart from the store's own (locks, counters, records). */
    private readonly prefix: string,
  ) {}

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.store.get<StoredData<Value>>(this.prefix + key);
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    // Reference data is always cached with a TTL (ReferenceDataCache); an entry without one would never refresh.
    if (ttl === undefined || ttl <= 0) return false;
    this.written.add(key);
    await this.store.set(this.prefix + key, value, ttl);
    return true;
  }

  async delete(key: string): Promise<boolean> {
    await this.store.delete(this.prefix + key);
    return true;
  }

  async clear(): Promise<void> {
    await Promise.all([...this.written].map((key) => this.delete(key)));
    this.written.clear();
  }

  // Keyv subscribes to its store's errors; the SharedStore reports its own outages.
  on(): this {
    return this;
  }
}
