import { ManualClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { SharedStore } from '../../src/store/shared-store.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

/** The same contract, on both stores: a capped group keeps its newest members within a count and a byte bound. */
describe.each([
  ['MemoryStore', 'memory'],
  ['RedisStore (against a real redis-server)', 'redis'],
] as const)('SharedStore.setCapped on %s', (_name, kind) => {
  let redis: RedisServer | undefined;
  let store: SharedStore;
  let clock: ManualClock;
  let n = 0;
  const group = () => `group-${kind}-${++n}`;
  const limits = { maxEntries: 3, maxBytes: 10_000 };

  beforeAll(async () => {
    clock = new ManualClock();
    if (kind === 'redis') {
      redis = await startRedisServer();
      const redisStore = new RedisStore({ url: redis.url, keyPrefix: 'capped:' });
      await redisStore.connect();
      store = redisStore;
    } else {
      store = new MemoryStore(clock);
    }
  });
  afterAll(async () => {
    await store.close();
    await redis?.stop();
  });

  it('keeps the newest maxEntries members and evicts the oldest first', async () => {
    const g = group();
    const evictions: number[] = [];
    for (let i = 1; i <= 5; i++) evictions.push((await store.setCapped(g, `${g}:k${i}`, { i }, 60_000, limits)).evicted);
    expect(evictions).toEqual([0, 0, 0, 1, 1]);
    expect(await store.get(`${g}:k1`)).toBeUndefined();
    expect(await store.get(`${g}:k2`)).toBeUndefined();
    for (const i of [3, 4, 5]) expect(await store.get(`${g}:k${i}`)).toEqual({ i });
  });

  it('evicts the oldest members until the group is within maxBytes (JSON length), never the new one', async () => {
    const g = group();
    const value = (size: number) => 'x'.repeat(size - 2); // JSON of a string adds its two quotes
    const bytes = { maxEntries: 100, maxBytes: 1000 };
    await store.setCapped(g, `${g}:a`, value(400), 60_000, bytes);
    await store.setCapped(g, `${g}:b`, value(400), 60_000, bytes);
    expect((await store.setCapped(g, `${g}:c`, value(200), 60_000, bytes)).evicted).toBe(0); // exactly 1000
    expect((await store.setCapped(g, `${g}:d`, value(300), 60_000, bytes)).evicted).toBe(1);
    expect(await store.get(`${g}:a`)).toBeUndefined();
    expect(await store.get(`${g}:b`)).toBeDefined();
    // Larger than the whole bound: everything older goes, the new member stays.
    expect((await store.setCapped(g, `${g}:e`, value(1500), 60_000, bytes)).evicted).toBe(3);
    expect(await store.get(`${g}:e`)).toBe(value(1500));
    expect((await store.setCapped(g, `${g}:f`, value(10), 60_000, bytes)).evicted).toBe(1);
    expect(await store.get(`${g}:f`)).toBe(value(10));
  });

  it('counts a rewritten member once, as the newest', async () => {
    const g = group();
    for (const k of ['a', 'b', 'c']) await store.setCapped(g, `${g}:${k}`, k, 60_000, limits);
    await store.setCapped(g, `${g}:a`, 'a2', 60_000, limits);
    expect((await store.setCapped(g, `${g}:d`, 'd', 60_000, limits)).evicted).toBe(1);
    expect(await store.get(`${g}:b`)).toBeUndefined();
    expect(await store.get(`${g}:a`)).toBe('a2');
    expect(await store.get(`${g}:c`)).toBe('c');
  });

  it('keeps groups apart and gives each member its expiry', async () => {
    const g1 = group();
    const g2 = group();
    for (let i = 0; i < 3; i++) await store.setCapped(g1, `${g1}:k${i}`, i, 60_000, limits);
    await store.setCapped(g2, `${g2}:k0`, 0, 60_000, limits);
    expect(await store.get(`${g1}:k0`)).toBe(0);
    const ttl = await store.ttl(`${g2}:k0`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('is atomic: concurrent writers never leave more than maxEntries members', async () => {
    const g = group();
    const keys = Array.from({ length: 40 }, (_, i) => `${g}:k${i}`);
    await Promise.all(keys.map((key) => store.setCapped(g, key, key, 60_000, limits)));
    const present = (await Promise.all(keys.map((key) => store.get(key)))).filter((v) => v !== undefined);
    expect(present).toHaveLength(3);
  });
});

describe('MemoryStore: the bound over every capped group', () => {
  it('evicts the oldest members of any group once the store-wide bytes are reached', async () => {
    const store = new MemoryStore(new ManualClock(), { maxCappedBytes: 10_000 });
    const big = 'x'.repeat(1000);
    for (let user = 0; user < 30; user++) await store.setCapped(`u${user}`, `u${user}:k`, big, 60_000, { maxEntries: 10, maxBytes: 100_000 });
    const { cappedBytes, cappedEntries } = store.stats();
    expect(cappedBytes).toBeLessThanOrEqual(10_000);
    expect(cappedEntries).toBeGreaterThan(0);
    expect(await store.get('u0:k')).toBeUndefined();
    expect(await store.get('u29:k')).toBe(big);
  });

  it('forgets members that expired or were deleted, so they stop counting', async () => {
    const clock = new ManualClock();
    const store = new MemoryStore(clock, { maxCappedBytes: 1_000_000 });
    await store.setCapped('g', 'g:a', 'a', 1000, { maxEntries: 2, maxBytes: 1000 });
    await store.setCapped('g', 'g:b', 'b', 60_000, { maxEntries: 2, maxBytes: 1000 });
    await store.delete('g:b');
    clock.advance(2000);
    expect(await store.get('g:a')).toBeUndefined();
    expect(store.stats()).toEqual({ entries: 0, cappedEntries: 0, cappedBytes: 0 });
    await store.setCapped('g', 'g:c', 'c', 60_000, { maxEntries: 2, maxBytes: 1000 });
    expect((await store.setCapped('g', 'g:d', 'd', 60_000, { maxEntries: 2, maxBytes: 1000 })).evicted).toBe(0);
  });
});
