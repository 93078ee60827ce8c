import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DomainError } from '../common/errors/domain-error.js';
import { SharedStore, type CappedGroupLimits } from './shared-store.js';
import { inClientSpan } from '../observability/spans.js';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key, so several deployments can share one Redis (KEY_PREFIX). */
  keyPrefix: string;
  /** Bound on connecting and on every command: past it the request gets a 503, it never hangs. */
  timeoutMs?: number;
}

/** Seconds a client is told to wait before retrying while Redis is away (Retry-After). */
const RETRY_AFTER_SECONDS = '2';
const DEFAULT_TIMEOUT_MS = 1000;
/** Reconnect forever, at most this far apart, so service comes back on its own when Redis does. */
const MAX_RECONNECT_DELAY_MS = 1000;

// Counter with a fixed window: the expiry is set when the counter is created. The PTTL check repairs a
// counter that somehow lost its expiry (e.g. restored from a snapshot), which would otherwise never reset.
const INCREMENT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}`;

// Safe release: only the holder of a lock (who knows its value) deletes it, in one atomic step.
const DELETE_IF_EQUALS_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// A capped group: a sorted set orders the members (by a per-group sequence, so instance clocks do not matter)
// and a hash holds their sizes, the running total (#bytes) and the sequence (#seq). The oldest members are
// deleted until the group is within both limits; the new member is never among them. A member that expired
// still counts until it comes up for eviction (it is among the oldest, as every member of a group lives
// equally long), and then costs nothing to drop. Member keys are deleted although not declared in KEYS: fine
// on one Redis (or a replicated pair); a Redis Cluster would need the group and its members in one hash slot.
const SET_CAPPED_SCRIPT = `
local key, order, sizes = KEYS[1], KEYS[2], KEYS[3]
local value, ttl = ARGV[1], tonumber(ARGV[2])
local maxEntries, maxBytes = tonumber(ARGV[3]), tonumber(ARGV[4])
local previous = redis.call('HGET', sizes, key)
if previous then redis.call('HINCRBY', sizes, '#bytes', -tonumber(previous)) end
redis.call('SET', key, value, 'PX', ttl)
local size = string.len(value)
redis.call('ZADD', order, redis.call('HINCRBY', sizes, '#seq', 1), key)
redis.call('HSET', sizes, key, size)
local bytes = redis.call('HINCRBY', sizes, '#bytes', size)
local count = redis.call('ZCARD', order)
local evicted = 0
while count > maxEntries or bytes > maxBytes do
  local oldest = redis.call('ZRANGE', order, 0, 0)[1]
  if not oldest or oldest == key then break end
  evicted = evicted + redis.call('DEL', oldest)
  redis.call('ZREM', order, oldest)
  bytes = redis.call('HINCRBY', sizes, '#bytes', -tonumber(redis.call('HGET', sizes, oldest) or '0'))
  redis.call('HDEL', sizes, oldest)
  count = count - 1
end
redis.call('PEXPIRE', order, ttl)
redis.call('PEXPIRE', sizes, ttl)
return evicted`;

interface ScriptCommands {
  accountIncrement(key: string, ttlMs: number): Promise<[number, number]>;
  accountDeleteIfEquals(key: string, value: string): Promise<number>;
  accountSetCapped(key: string, order: string, sizes: string, value: string, ttlMs: number, maxEntries: number, maxBytes: number): Promise<number>;
}

/**
 * The shared store for a fleet of instances. Values are JSON. Redis being away never falls back to memory
 * (that would split state between instances): commands fail at once with 503 `store.unavailable` — no
 * offline queue piles up, every command has a timeout — and the client keeps reconnecting in the
 * background, so service resumes without a restart.
 */
export class RedisStore extends SharedStore {
  readonly kind = 'redis' as const;
  private readonly logger = new Logger('RedisStore');
  private readonly client: Redis & ScriptCommands;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private reportedDown = false;

  constructor(options: RedisStoreOptions) {
    super();
    this.prefix = options.keyPrefix;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const client = new Redis(options.url, {
      connectTimeout: this.timeoutMs,
      commandTimeout: this.timeoutMs,
      // Fail fast while disconnected instead of queueing commands until Redis returns.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
      lazyConnect: true,
      // RESP2: every Redis version answers it (RESP3 needs Redis 6+), and nothing here needs RESP3 types.
      protocol: 2,
    });
    client.defineCommand('accountIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    client.defineCommand('accountDeleteIfEquals', { numberOfKeys: 1, lua: DELETE_IF_EQUALS_SCRIPT });
    client.defineCommand('accountSetCapped', { numberOfKeys: 3, lua: SET_CAPPED_SCRIPT });
    // Without a listener an 'error' event would crash the process; one warning per outage is enough.
    client.on('error', (error: Error) => {
      if (this.reportedDown) return;
      this.reportedDown = true;
      this.logger.warn({ err: { name: error.name, message: error.message } }, 'Redis is not reachable; requests needing shared state get 503');
    });
    client.on('ready', () => {
      if (this.reportedDown) this.logger.log('Redis is reachable again');
      this.reportedDown = false;
    });
    this.client = client as Redis & ScriptCommands;
  }

  /**
   * Connects, waiting at most the command timeout. Boot does not fail when Redis is down: readiness reports
   * it and the client keeps trying.
   */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch {
      // Reported by the 'error' listener; reconnection continues in the background.
    }
  }

  private key(key: string): string {
    return this.prefix + key;
  }

  /**
   * Sends one command. While tracing, inside a request or job, it is a client span `redis <COMMAND>` with the
   * command name only: keys hold user ids and values hold records, neither goes into a span.
   */
  private run<T>(operation: string, command: () => Promise<T>): Promise<T> {
    return inClientSpan(`redis ${operation}`, { 'db.system.name': 'redis', 'db.operation.name': operation }, () => this.send(command), {
      requireParent: true,
    });
  }

  private async send<T>(command: () => Promise<T>): Promise<T> {
    // Not connected: fail before sending, as no reply can come (and no command timer is left running).
    if (this.client.status !== 'ready') throw unavailable(new Error(`Redis connection is ${this.client.status}`));
    try {
      return await command();
    } catch (error) {
      throw unavailable(error);
    }
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.run('GET', () => this.client.get(this.key(key)));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.run('SET', () => this.client.set(this.key(key), JSON.stringify(value), 'PX', wholeMs(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.run('DEL', () => this.client.del(this.key(key)));
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; resetInMs: number }> {
    const [count, resetInMs] = await this.run('EVALSHA', () => this.client.accountIncrement(this.key(key), wholeMs(ttlMs)));
    return { count: Number(count), resetInMs: Number(resetInMs) };
  }

  async setIfAbsent<T>(key: string, value: T, ttlMs: number): Promise<boolean> {
    const reply = await this.run('SET', () => this.client.set(this.key(key), JSON.stringify(value), 'PX', wholeMs(ttlMs), 'NX'));
    return reply === 'OK';
  }

  async deleteIfEquals<T>(key: string, value: T): Promise<boolean> {
    const deleted = await this.run('EVALSHA', () => this.client.accountDeleteIfEquals(this.key(key), JSON.stringify(value)));
    return Number(deleted) === 1;
  }

  async setCapped<T>(group: string, key: string, value: T, ttlMs: number, limits: CappedGroupLimits): Promise<{ evicted: number }> {
    const evicted = await this.run('EVALSHA', () =>
      this.client.accountSetCapped(
        this.key(key),
        this.key(`${group}:order`),
        this.key(`${group}:sizes`),
        JSON.stringify(value),
        wholeMs(ttlMs),
        limits.maxEntries,
        limits.maxBytes,
      ),
    );
    return { evicted: Number(evicted) };
  }

  async ttl(key: string): Promise<number | undefined> {
    const ms = await this.run('PTTL', () => this.client.pttl(this.key(key)));
    // -2: no such key; -1: a key without expiry (this service never writes one).
    if (ms === -2) return undefined;
    return ms === -1 ? Number.MAX_SAFE_INTEGER : ms;
  }

  async ping(): Promise<void> {
    await this.run('PING', () => this.client.ping());
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      // Not connected: nothing to say goodbye to.
    }
    this.client.disconnect();
  }
}

function unavailable(cause: unknown): DomainError {
  return new DomainError('store.unavailable', 'Shared state is not available right now. Try again shortly.', {
    headers: { 'retry-after': RETRY_AFTER_SECONDS },
    cause,
  });
}

/** Redis wants a positive whole number of milliseconds. */
function wholeMs(ms: number): number {
  return Math.max(1, Math.ceil(ms));
}
