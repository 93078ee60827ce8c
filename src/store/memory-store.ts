import { Clock } from '../common/clock.js';
import { SharedStore, type CappedGroupLimits } from './shared-store.js';

interface Entry {
  value: unknown;
  expiresAt: number;
  /** Set for members of a capped group (setCapped): the group, and the bytes counted for it. */
  capped?: { group: string; bytes: number };
}

interface Group {
  /** Member keys, oldest first (a Map keeps insertion order), with their sizes. */
  members: Map<string, number>;
  bytes: number;
}

export interface MemoryStoreOptions {
  /**
   * Bound on the bytes of all capped-group members together (idempotency records of every user): past it the
   * oldest are evicted, whoever they belong to. Each member counts its JSON, its key and a fixed overhead, so
   * a flood of tiny members is bounded too.
   */
  maxCappedBytes?: number;
}

/** Rough heap cost of one Map entry, its Entry object and the group bookkeeping, beyond the key and value. */
const ENTRY_OVERHEAD_BYTES = 200;
const DEFAULT_MAX_CAPPED_BYTES = 64 * 1024 * 1024;

/**
 * A copy the caller cannot use to change what is stored. Strings, numbers and booleans (account statuses, counters,
 * tokens: most reads) cannot be changed in place, so they are their own copy; structuredClone would serialize them.
 */
function copyOf(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return value;
    default:
      return value === null ? value : structuredClone(value);
  }
}

/** Single-instance store. Values are cloned so callers cannot mutate stored state by accident. */
export class MemoryStore extends SharedStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly groups = new Map<string, Group>();
  /** Every capped member of every group, oldest first, with the bytes it counts against maxCappedBytes. */
  private readonly capped = new Map<string, number>();
  private cappedBytes = 0;
  private readonly maxCappedBytes: number;
  private sweeps = 0;

  constructor(
    private readonly clock: Clock,
    options: MemoryStoreOptions = {},
  ) {
    super();
    this.maxCappedBytes = options.maxCappedBytes ?? DEFAULT_MAX_CAPPED_BYTES;
  }

  /** What the store holds, for tests and the memory benchmark. */
  stats(): { entries: number; cappedEntries: number; cappedBytes: number } {
    return { entries: this.entries.size, cappedEntries: this.capped.size, cappedBytes: this.cappedBytes };
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  /** Deletes an entry and its group membership, if any. */
  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    if (!entry.capped) return;
    const group = this.groups.get(entry.capped.group);
    if (group?.members.delete(key)) {
      group.bytes -= entry.capped.bytes;
      if (group.members.size === 0) this.groups.delete(entry.capped.group);
    }
    const counted = this.capped.get(key);
    if (counted !== undefined) {
      this.capped.delete(key);
      this.cappedBytes -= counted;
    }
  }

  private sweep(): void {
    // Expired entries nobody reads again would otherwise stay: drop them every thousand writes.
    if (++this.sweeps % 1000 !== 0) return;
    const now = this.clock.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.remove(key);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    return entry ? (copyOf(entry.value) as T) : undefined;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.sweep();
    this.remove(key);
    this.entries.set(key, { value: copyOf(value), expiresAt: this.clock.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.remove(key);
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }> {
    const entry = this.live(key);
    if (!entry) {
      this.sweep();
      this.entries.set(key, { value: 1, expiresAt: this.clock.now() + ttlMs });
      return { count: 1, resetInMs: ttlMs };
    }
    entry.value = (entry.value as number) + 1;
    return { count: entry.value as number, resetInMs: entry.expiresAt - this.clock.now() };
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async deleteIfEquals<T>(key: string, value: T): Promise<boolean> {
    const entry = this.live(key);
    if (!entry || JSON.stringify(entry.value) !== JSON.stringify(value)) return false;
    this.remove(key);
    return true;
  }

  async setCapped<T>(groupName: string, key: string, value: T, ttlMs: number, limits: CappedGroupLimits): Promise<{ evicted: number }> {
    this.sweep();
    this.remove(key);
    const json = JSON.stringify(value);
    const bytes = Buffer.byteLength(json);
    // The JSON is needed for the size anyway, and parsing it back is a cheaper copy than structuredClone.
    this.entries.set(key, { value: JSON.parse(json) as unknown, expiresAt: this.clock.now() + ttlMs, capped: { group: groupName, bytes } });
    let group = this.groups.get(groupName);
    if (!group) this.groups.set(groupName, (group = { members: new Map(), bytes: 0 }));
    group.members.set(key, bytes);
    group.bytes += bytes;
    const counted = bytes + Buffer.byteLength(key) + ENTRY_OVERHEAD_BYTES;
    this.capped.set(key, counted);
    this.cappedBytes += counted;

    let evicted = 0;
    const now = this.clock.now();
    const evict = (victim: string) => {
      if ((this.entries.get(victim)?.expiresAt ?? 0) > now) evicted++;
      this.remove(victim);
    };
    for (const oldest of group.members.keys()) {
      if (group.members.size <= limits.maxEntries && group.bytes <= limits.maxBytes) break;
      if (oldest !== key) evict(oldest);
    }
    // The store-wide bound comes second: a user within their own cap may still lose old records to a full store.
    for (const oldest of this.capped.keys()) {
      if (this.cappedBytes <= this.maxCappedBytes) break;
      if (oldest !== key) evict(oldest);
    }
    return { evicted };
  }

  async ttl(key: string): Promise<number | undefined> {
    const entry = this.live(key);
    return entry ? entry.expiresAt - this.clock.now() : undefined;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
    this.groups.clear();
    this.capped.clear();
    this.cappedBytes = 0;
  }
}
