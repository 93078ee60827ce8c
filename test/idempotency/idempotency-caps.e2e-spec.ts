import { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { MemoryStore } from '../../src/store/memory-store.js';
import { SharedStore } from '../../src/store/shared-store.js';
import { useRedisInstances } from '../support/redis-server.js';
import { bearer, expectProblem, tokenFor, useEmulatorApp, type EmulatorApp, type TestApp } from '../support/test-app.js';

const LIMITS = { RATE_LIMIT_PER_USER_PER_MINUTE: '100000', RATE_LIMIT_PER_IP_PER_MINUTE: '1000000' };

function helpers(h: () => { t: TestApp; emu: LogtoEmulator }) {
  async function user() {
    const seeded = h().emu.seedUser({ username: `cap_${Math.random().toString(36).slice(2, 10)}` });
    return { id: seeded.id, token: await tokenFor(h().emu, seeded.id) };
  }
  const patch = (token: string, key: string, givenName = `Name ${key}`, t = h().t, extra: Record<string, string> = {}) =>
    t.inject({
      method: 'PATCH',
      url: '/me/profile',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'idempotency-key': key }),
      payload: JSON.stringify({ givenName, ...extra }),
    });
  /** A profile answer of about 2.5 KB, about 3.5 KB once sealed in its record. */
  const website = { website: `https://example.com/${'w'.repeat(2000)}` };
  const patchCalls = () => h().emu.counters.byRoute['PATCH /api/users/:userId/profile'] ?? 0;
  return { user, patch, patchCalls, website };
}

describe('Idempotency records: the per-user count cap (IDEMPOTENCY_MAX_RECORDS_PER_USER)', () => {
  const h: EmulatorApp = useEmulatorApp({ env: { ...LIMITS, IDEMPOTENCY_MAX_RECORDS_PER_USER: '3' } });
  const { user, patch, patchCalls } = helpers(() => h);

  it('keeps the newest 3 records of a user and evicts the oldest first', async () => {
    const { token } = await user();
    for (const key of ['k1', 'k2', 'k3', 'k4']) expect((await patch(token, key)).statusCode).toBe(200);
    const calls = patchCalls();
    for (const key of ['k4', 'k3', 'k2']) {
      const replay = await patch(token, key);
      expect(replay.statusCode).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    }
    expect(patchCalls()).toBe(calls);
    // k1 was evicted: its key is new again, so the request runs (and its record evicts k2).
    const rerun = await patch(token, 'k1');
    expect(rerun.statusCode).toBe(200);
    expect(rerun.headers['idempotent-replayed']).toBeUndefined();
    expect(patchCalls()).toBe(calls + 1);
  });

  it("never evicts another user's records", async () => {
    const a = await user();
    const b = await user();
    expect((await patch(b.token, 'b-key')).statusCode).toBe(200);
    for (let i = 0; i < 10; i++) expect((await patch(a.token, `a-${i}`)).statusCode).toBe(200);
    expect((await patch(b.token, 'b-key')).headers['idempotent-replayed']).toBe('true');
  });
});

describe('Idempotency records: the per-user byte cap (IDEMPOTENCY_MAX_BYTES_PER_USER)', () => {
  const h: EmulatorApp = useEmulatorApp({ env: { ...LIMITS, IDEMPOTENCY_MAX_BYTES_PER_USER: '6000' } });
  const { user, patch, patchCalls } = helpers(() => h);

  it('keeps the newest records within the bytes and evicts the oldest first', async () => {
    const { token } = await user();
    const keys = Array.from({ length: 12 }, (_, i) => `b${i}`);
    for (const key of keys) expect((await patch(token, key)).statusCode).toBe(200);
    const calls = patchCalls();
    // The newest is kept; the oldest is not: twelve account answers are well over 6,000 bytes.
    expect((await patch(token, keys[11])).headers['idempotent-replayed']).toBe('true');
    expect((await patch(token, keys[10])).headers['idempotent-replayed']).toBe('true');
    expect(patchCalls()).toBe(calls);
    expect((await patch(token, keys[0])).headers['idempotent-replayed']).toBeUndefined();
    expect(patchCalls()).toBe(calls + 1);
  });
});

describe('Idempotency records: a response larger than the byte cap', () => {
  const h: EmulatorApp = useEmulatorApp({ env: { ...LIMITS, IDEMPOTENCY_MAX_BYTES_PER_USER: '1024' } });
  const { user, patch, patchCalls, website } = helpers(() => h);

  it('is not stored, and its key still never runs twice: a retry answers 409 idempotency.not_replayable', async () => {
    const { token } = await user();
    const first = await patch(token, 'large', 'Large', h.t, website);
    expect(first.statusCode).toBe(200);
    const calls = patchCalls();
    const digest = h.emu.stateDigest();
    const retry = await patch(token, 'large', 'Large', h.t, website);
    expectProblem(retry, 409, 'idempotency.not_replayable');
    expect(patchCalls()).toBe(calls);
    expect(h.emu.stateDigest()).toBe(digest);
  });
});

describe('Idempotency records: the bound over all users of the in-memory store (MEMORY_STORE_MAX_BYTES)', () => {
  const h: EmulatorApp = useEmulatorApp({ env: { ...LIMITS, MEMORY_STORE_MAX_BYTES: '1048576' } });
  const { user, patch, website } = helpers(() => h);

  it('stays within its bytes however many users write, evicting the oldest records first', async () => {
    // 400 records of about 3.5 KB: about 1.4 MB, over the 1 MiB bound, while each user stays far within their own cap.
    const users = await Promise.all(Array.from({ length: 40 }, () => user()));
    for (let round = 0; round < 10; round++) {
      for (const u of users) expect((await patch(u.token, `r${round}`, `Round ${round}`, h.t, website)).statusCode).toBe(200);
    }
    const store = h.t.app.get(SharedStore) as MemoryStore;
    const { cappedBytes, cappedEntries } = store.stats();
    expect(cappedBytes).toBeLessThanOrEqual(1_048_576);
    expect(cappedEntries).toBeLessThan(400);
    // The newest records are the ones kept.
    expect((await patch(users[39].token, 'r9', 'Round 9', h.t, website)).headers['idempotent-replayed']).toBe('true');
    expect((await patch(users[0].token, 'r0', 'Round 0', h.t, website)).headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('Idempotency records: the per-user cap is shared by instances (Redis)', () => {
  const shared = useRedisInstances();

  it('evicts the oldest record of a user whichever instance stored it', async () => {
    const [a, b] = await shared.instances({ env: { ...LIMITS, IDEMPOTENCY_MAX_RECORDS_PER_USER: '2' } });
    const { user, patch } = helpers(() => ({ t: a, emu: shared.emu }));
    const { token } = await user();
    expect((await patch(token, 'x1', 'One', a)).statusCode).toBe(200);
    expect((await patch(token, 'x2', 'Two', b)).statusCode).toBe(200);
    expect((await patch(token, 'x3', 'Three', a)).statusCode).toBe(200);
    expect((await patch(token, 'x3', 'Three', b)).headers['idempotent-replayed']).toBe('true');
    expect((await patch(token, 'x2', 'Two', a)).headers['idempotent-replayed']).toBe('true');
    expect((await patch(token, 'x1', 'One', b)).headers['idempotent-replayed']).toBeUndefined();
  });
});
