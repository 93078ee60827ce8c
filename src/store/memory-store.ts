import { Clock } from '../common/clock.js';
import { SharedStore } from './shared-store.js';

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** Single-instance store. Values are cloned so callers cannot mutate stored state by accident. */
export class MemoryStore extends SharedStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private sweeps = 0;

  constructor(private readonly clock: Clock) {
    super();
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    // Expired entries nobody reads again would otherwise stay: drop them every thousand writes.
    if (++this.sweeps % 1000 !== 0) return;
    const now = this.clock.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.live(key);
    return entry ? (structuredClone(entry.value) as T) : undefined;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.sweep();
    this.entries.set(key, { value: structuredClone(value), expiresAt: this.clock.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
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
    this.entries.delete(key);
    return true;
  }

  async ttl(key: string): Promise<number | undefined> {
    const entry = this.live(key);
    return entry ? entry.expiresAt - this.clock.now() : undefined;
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
  }
}
