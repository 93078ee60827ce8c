/**
 * The per-user lock under load (issue 18, item 13): one deadline over the whole wait (local queue included) that
 * ends in 409 account.busy with Retry-After, a bounded queue, and no work sent to Logto for a client that has
 * already gone. LOGTO_TIMEOUT_MS is 2000 in the test apps, so the wait is 2 s at most.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { SystemClock } from '../../src/common/clock.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { UserLockService } from '../../src/store/user-lock.service.js';
import { startRedisServer } from '../support/redis-server.js';
import { bearer, expectProblem, tokenFor, useEmulatorApp } from '../support/test-app.js';

const LOGTO_TIMEOUT_MS = 2000;
/** What the service lets wait for one user on one instance (src/store/user-lock.service.ts). */
const QUEUE_PER_USER = 16;


describe('the per-user lock: deadline and queue bound', () => {
  const h = useEmulatorApp({ env: { RATE_LIMIT_PER_USER_PER_MINUTE: '1000' } });
  afterEach(() => h.emu.clearFaults());

  /** PATCH /api/users/{id} calls Logto received for this user. */
  const userPatches = (userId: string) =>
    h.emu.requests.filter((request) => request.method === 'PATCH' && request.url.split('?')[0] === `/api/users/${userId}`).length;

  it('20 concurrent PATCH /me of one user with a slow Logto: 200 or 409 account.busy, none waits past the deadline', async () => {
    const user = h.emu.seedUser({ username: 'crowded_user' });
    const token = await tokenFor(h.emu, user.id);
    h.emu.setFault({ match: /^\/api\/users\/[^/]+$/, methods: ['PATCH'], latencyMs: 500 });
    const patchesBefore = userPatches(user.id);

    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token), payload: { name: `Name ${i}` } });
        return { res, ms: Date.now() - started };
      }),
    );

    const ok = answers.filter(({ res }) => res.statusCode === 200);
    const busy = answers.filter(({ res }) => res.statusCode !== 200);
    for (const { res } of busy) {
      expectProblem(res, 409, 'account.busy');
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    // Beyond the holder and the bounded queue, requests are refused at once, without waiting.
    expect(busy.length).toBeGreaterThanOrEqual(20 - 1 - QUEUE_PER_USER);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    // Nobody waits past one deadline (LOGTO_TIMEOUT_MS) plus the change it waited for; before the fix the last
    // answer came after all 20 changes, one after the other (20 × 500 ms).
    expect(Math.max(...answers.map(({ ms }) => ms))).toBeLessThan(LOGTO_TIMEOUT_MS + 2 * 500 + 1500);
    // A refused request changed nothing: one Logto write per 200.
    expect(userPatches(user.id) - patchesBefore).toBe(ok.length);

    // The lock is free again afterwards.
    h.emu.clearFaults();
    expect((await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token), payload: { name: 'After' } })).statusCode).toBe(200);
  });

  describe('over a real socket, with clients that give up', () => {
    let port: number;
    beforeAll(async () => {
      await h.t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (h.t.app.getHttpServer().address() as AddressInfo).port;
    });

    /** PATCH /me over a socket; `abortAfterMs`: the client closes the connection then, without waiting. */
    function patchMe(token: string, name: string, abortAfterMs?: number): Promise<number | 'aborted'> {
      return new Promise((resolve, reject) => {
        const body = JSON.stringify({ name });
        const req = httpRequest(
          { host: '127.0.0.1', port, method: 'PATCH', path: '/me', agent: false, headers: { ...bearer(token), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', (error) => (abortAfterMs === undefined ? reject(error) : resolve('aborted')));
        req.end(body);
        if (abortAfterMs !== undefined) setTimeout(() => req.destroy(), abortAfterMs);
      });
    }

    it('drops queued requests whose clients disconnected: Logto sees only the change of the client that waited', async () => {
      const user = h.emu.seedUser({ username: 'impatient_user' });
      const token = await tokenFor(h.emu, user.id);
      h.emu.setFault({ match: /^\/api\/users\/[^/]+$/, methods: ['PATCH'], latencyMs: 600 });
      const patchesBefore = userPatches(user.id);

      const holder = patchMe(token, 'Holder');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const quitters = Array.from({ length: 5 }, (_, i) => patchMe(token, `Quitter ${i}`, 150));
      expect(await Promise.all(quitters)).toEqual(Array(5).fill('aborted'));
      expect(await holder).toBe(200);
      // Give the dropped requests the time they would have needed to reach Logto.
      await new Promise((resolve) => setTimeout(resolve, 800));

      expect(userPatches(user.id) - patchesBefore).toBe(1);
      expect(h.emu.state.users.get(user.id)?.name).toBe('Holder');
    });

    it('sends no write for a client that disconnected while the service was still reading the account', async () => {
      const user = h.emu.seedUser({ username: 'gone_user', name: 'Before' });
      const token = await tokenFor(h.emu, user.id);
      h.emu.setFault({ match: /^\/api\/users\/[^/]+$/, methods: ['GET'], latencyMs: 500 });
      const patchesBefore = userPatches(user.id);

      expect(await patchMe(token, 'Never written', 150)).toBe('aborted');
      await new Promise((resolve) => setTimeout(resolve, 1000));

      expect(userPatches(user.id) - patchesBefore).toBe(0);
      expect(h.emu.state.users.get(user.id)?.name).toBe('Before');
    });
  });
});

describe('the per-user lock over Redis: one deadline for the local queue and the shared key together', () => {
  it('three local waiters behind a key another instance holds all give up within one wait, not one wait each', async () => {
    const redis = await startRedisServer();
    const store = new RedisStore({ url: redis.url, keyPrefix: 'deadline:' });
    const raw = new Redis(redis.url, { lazyConnect: true });
    try {
      await store.connect();
      await raw.connect();
      await store.set('lock:user:u-held', 'another-instance', 10_000);
      const lock = new UserLockService(store, { ttlMs: 10_000, waitMs: 400 });
      let ran = 0;
      const started = Date.now();
      const outcomes = await Promise.all(
        Array.from({ length: 3 }, () =>
          lock.withUserLock('u-held', async () => (ran += 1)).then(
            () => 'ran',
            (error: unknown) => (error instanceof DomainError ? error.code : String(error)),
          ),
        ),
      );
      const elapsed = Date.now() - started;
      expect(outcomes).toEqual(['account.busy', 'account.busy', 'account.busy']);
      expect(ran).toBe(0);
      // Before the fix the second waiter's wait began when the first gave up, and so on: 3 × 400 ms.
      expect(elapsed).toBeLessThan(400 + 350);
    } finally {
      raw.disconnect();
      await store.close();
      await redis.stop();
    }
  });
});

describe('the per-user lock queue bounds', () => {
  it('refuses at once, with Retry-After, a waiter beyond the bound of its user or of the whole instance', async () => {
    const lock = new UserLockService(new MemoryStore(new SystemClock()), { waitMs: 5_000, maxQueuedPerUser: 2, maxQueued: 3 });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const ran: string[] = [];
    const hold = (userId: string, name: string) => lock.withUserLock(userId, async () => {
      await gate;
      ran.push(name);
    });
    const admitted = [hold('u1', 'u1 holder'), hold('u2', 'u2 holder'), hold('u1', 'u1 first'), hold('u1', 'u1 second'), hold('u2', 'u2 first')];

    const started = Date.now();
    const refusals = await Promise.all([hold('u1', 'u1 third'), hold('u2', 'u2 second')].map((attempt) => attempt.catch((error: unknown) => error)));
    // u1 has two waiters (its bound), the instance three (its bound).
    expect(refusals.map((error) => [(error as DomainError).code, Number((error as DomainError).headers['retry-after'])])).toEqual([
      ['account.busy', 5],
      ['account.busy', 5],
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
    // A user with nobody ahead takes its lock without queueing, whatever the instance's queue holds.
    const free = hold('u3', 'u3 holder');
    open();
    await Promise.all([...admitted, free]);
    expect(ran.sort()).toEqual(['u1 first', 'u1 holder', 'u1 second', 'u2 first', 'u2 holder', 'u3 holder']);
  });
});
