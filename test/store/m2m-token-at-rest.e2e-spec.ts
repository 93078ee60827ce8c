/**
 * The Management API token (scope `all`) in the shared store (issue 18, item 11): sealed with a key derived from
 * the M2M secret, so a Redis dump does not hand out tenant-wide access, and a record this instance cannot open
 * (sealed under a rotated secret, or the plain format of older versions) counts as no record at all.
 */
import { Redis } from 'ioredis';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, tokenFor, type TestApp } from '../support/test-app.js';
import { useRedisInstances } from '../support/redis-server.js';

const STORE_KEY = 'logto:m2m-token';

describe('the M2M token at rest in Redis', () => {
  const shared = useRedisInstances();
  let raw: Redis;
  let prefixes = 0;

  beforeAll(async () => {
    raw = new Redis(shared.redis.url, { lazyConnect: true });
    await raw.connect();
  });
  afterAll(() => raw?.disconnect());

  const emulator = (m2mAppSecret: string): Promise<LogtoEmulator> => shared.emulator({ m2mAppSecret });

  async function instance(emu: LogtoEmulator, prefix: string): Promise<TestApp> {
    const [t] = await shared.instances({ emulator: emu, count: 1, env: { KEY_PREFIX: prefix } });
    return t;
  }

  /** GET /me as a new user of `emu`: 200 proves the instance had a Management API token Logto accepted. */
  async function getMe(t: TestApp, emu: LogtoEmulator): Promise<number> {
    const user = emu.seedUser({ username: `atrest_${Math.random().toString(36).slice(2, 10)}` });
    return (await t.inject({ method: 'GET', url: '/me', headers: bearer(await tokenFor(emu, user.id)) })).statusCode;
  }

  /** The bearer tokens the service presented to the Management API of `emu`. */
  const presentedTokens = (emu: LogtoEmulator) =>
    emu.requests.filter((request) => request.url.startsWith('/api/')).map((request) => request.headers.authorization?.replace(/^Bearer /, ''));

  it('stores the token sealed: neither the token nor any part of it is in Redis', async () => {
    const emu = await emulator('secret-one-0123456789');
    const prefix = `m2m${++prefixes}:`;
    const t = await instance(emu, prefix);
    expect(await getMe(t, emu)).toBe(200);

    const token = presentedTokens(emu)[0] as string;
    expect(token).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    const stored = (await raw.get(`${prefix}${STORE_KEY}`)) as string;
    expect(stored).not.toBeNull();
    for (const part of token.split('.')) expect(stored).not.toContain(part);
    expect(stored).not.toContain(emu.m2mAppSecret);

    // The sealed record still does its job: another instance of the same deployment uses it, no new token request.
    emu.resetCounters();
    const other = await instance(emu, prefix);
    expect(await getMe(other, emu)).toBe(200);
    expect(emu.counters.tokenRequests).toBe(0);
  });

  it('an instance with a rotated secret does not use the record sealed under the old one: it fetches its own token', async () => {
    const prefix = `m2m${++prefixes}:`;
    const before = await emulator('secret-before-rotation');
    const after = await emulator('secret-after-rotation');
    const old = await instance(before, prefix);
    expect(await getMe(old, before)).toBe(200);
    const oldToken = presentedTokens(before)[0];
    const sealedByOld = await raw.get(`${prefix}${STORE_KEY}`);

    const rotated = await instance(after, prefix);
    expect(await getMe(rotated, after)).toBe(200);
    expect(after.counters.tokenRequests).toBe(1);
    expect(presentedTokens(after)).not.toContain(oldToken);
    expect(await raw.get(`${prefix}${STORE_KEY}`)).not.toBe(sealedByOld);
  });

  it('treats a record in the plain format of older versions as absent', async () => {
    const emu = await emulator('secret-plain-format');
    const prefix = `m2m${++prefixes}:`;
    const now = Date.now();
    const plain = { token: 'plain-token-from-an-older-version', expiresAt: now + 3_600_000, refreshAt: now + 3_000_000 };
    await raw.set(`${prefix}${STORE_KEY}`, JSON.stringify(plain), 'PX', 3_600_000);

    const t = await instance(emu, prefix);
    expect(await getMe(t, emu)).toBe(200);
    expect(presentedTokens(emu)).not.toContain(plain.token);
    expect(emu.counters.tokenRequests).toBe(1);
    expect(await raw.get(`${prefix}${STORE_KEY}`)).not.toContain(plain.token);
  });
});
