import { Redis } from 'ioredis';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { UserLockService } from '../../src/store/user-lock.service.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

describe('RedisStore (against a real redis-server)', () => {
  let redis: RedisServer;
  let store: RedisStore;
  let raw: Redis;

  beforeAll(async () => {
    redis = await startRedisServer();
    store = new RedisStore({ url: redis.url, keyPrefix: 'test-a:' });
    await store.connect();
    raw = new Redis(redis.url, { lazyConnect: true });
    await raw.connect();
  });
  afterAll(async () => {
    raw.disconnect();
    await store.close();
    await redis.stop();
  });

  it('stores JSON values under the key prefix, with an expiry', async () => {
    await store.set('thing', { a: 1, nested: ['x'] }, 60_000);
    expect(await store.get('thing')).toEqual({ a: 1, nested: ['x'] });
    expect(JSON.parse((await raw.get('test-a:thing'))!)).toEqual({ a: 1, nested: ['x'] });
    expect(await raw.get('thing')).toBeNull();
    const ttl = await store.ttl('thing');
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await store.delete('thing');
    expect(await store.get('thing')).toBeUndefined();
    expect(await store.ttl('thing')).toBeUndefined();
  });

  it('keeps deployments with different prefixes apart', async () => {
    const other = new RedisStore({ url: redis.url, keyPrefix: 'test-b:' });
    await other.connect();
    await store.set('shared-name', 'a', 60_000);
    expect(await other.get('shared-name')).toBeUndefined();
    await other.close();
  });

  it('increments a fixed-window counter atomically (expiry set on the first hit)', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, () => store.increment('counter', 30_000)));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (const r of results) expect(r.resetInMs).toBeGreaterThan(0);
    expect(await raw.pttl('test-a:counter')).toBeGreaterThan(25_000);
  });

  it('repairs a counter that lost its expiry', async () => {
    await raw.set('test-a:stuck', '7');
    const { count, resetInMs } = await store.increment('stuck', 10_000);
    expect(count).toBe(8);
    expect(resetInMs).toBe(10_000);
    expect(await raw.pttl('test-a:stuck')).toBeGreaterThan(0);
  });

  it('sets a key only when absent, and deletes it only for its holder', async () => {
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent('lock', `holder-${i}`, 10_000)));
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const holder = await store.get<string>('lock');
    expect(await store.deleteIfEquals('lock', 'someone-else')).toBe(false);
    expect(await store.get('lock')).toBe(holder);
    expect(await store.deleteIfEquals('lock', holder)).toBe(true);
    expect(await store.get('lock')).toBeUndefined();
    expect(await store.deleteIfEquals('lock', holder)).toBe(false);
  });

  it('compares structured lock values by their JSON', async () => {
    await store.set('token', { token: 't', expiresAt: 5 }, 10_000);
    expect(await store.deleteIfEquals('token', { token: 't', expiresAt: 6 })).toBe(false);
    expect(await store.deleteIfEquals('token', { token: 't', expiresAt: 5 })).toBe(true);
  });

  describe('the per-user lock over Redis', () => {
    it('gives up after its bounded wait with 409 account.busy and a Retry-After', async () => {
      const lock = new UserLockService(store, { ttlMs: 10_000, waitMs: 100 });
      await store.set('lock:user:u-busy', 'another-instance', 10_000);
      let ran = false;
      const error = await lock.withUserLock('u-busy', async () => (ran = true)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('account.busy');
      expect(Number((error as DomainError).headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(ran).toBe(false);
    });

    it('is free again once the lock of an instance that died expires (Redis expiry)', async () => {
      const lock = new UserLockService(store, { ttlMs: 10_000, waitMs: 5_000 });
      // A dead instance's lock with a short lifetime; Redis expires it, no release ever comes.
      await store.set('lock:user:u-dead', 'dead-instance', 150);
      await expect(lock.withUserLock('u-dead', async () => 'done')).resolves.toBe('done');
      expect(await store.get('lock:user:u-dead')).toBeUndefined();
    });

    it('serializes work of two instances on the same user', async () => {
      const a = new UserLockService(store);
      const b = new UserLockService(store);
      let inside = 0;
      let maxInside = 0;
      const work = async () => {
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        await new Promise((resolve) => setImmediate(resolve));
        inside -= 1;
      };
      await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).withUserLock('u-shared', work)));
      expect(maxInside).toBe(1);
    });
  });

  describe('when Redis goes away', () => {
    // Failing rather than queueing: were commands queued until Redis returned, this test would hit its timeout.
    it('fails with 503 store.unavailable and a Retry-After, then recovers without a new client', async () => {
      await store.set('before', 1, 60_000);
      await redis.kill();
      for (const attempt of [() => store.get('before'), () => store.increment('x', 1000), () => store.ping()]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DomainError);
        expect((error as DomainError).code).toBe('store.unavailable');
        expect((error as DomainError).headers['retry-after']).toBe('2');
      }

      await redis.restart();
      await eventually(() => store.ping());
      await store.set('after', 2, 60_000);
      expect(await store.get('after')).toBe(2);
    });
  });
});

/** Retries until it succeeds (reconnection takes up to a second), failing after a bound. */
async function eventually(action: () => Promise<unknown>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await action();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
