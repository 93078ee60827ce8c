/**
 * Memory held by idempotency records (issue #18, item 2): 10,000 keyed `PATCH /me/custom-data` requests from one
 * user, then from 100 users (100 each), each run in a fresh app against the memory store, and the heap used and
 * resident set size after a full GC, before and after the run. Each request sets about 28 KB of custom data
 * (the visible limit is 32 KB), the worst case for what one record keeps.
 *
 * The app runs in this process (Fastify `inject`, no socket), so the heap can be read after `gc()`; the Logto
 * emulator runs in a child process of its own (upstream.ts, on 127.0.0.1), so its state is not counted.
 * Bounded: everything is killed after IDEM_BENCH_DEADLINE_SECONDS (600).
 *
 *   nest build && tsc -p bench/tsconfig.json && node --expose-gc dist/bench/bench/idempotency-memory.js
 *
 * Environment: IDEM_BENCH_REQUESTS (10000), IDEM_BENCH_PAYLOAD_BYTES (28000), IDEM_BENCH_USERS (`1,100`: the
 * runs, in this process one after the other), IDEM_BENCH_LABEL (a name for the output), and the service's own
 * settings (IDEMPOTENCY_MAX_*, MEMORY_STORE_MAX_BYTES) pass through.
 */
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/load-config.js';
import { SharedStore } from '../src/store/shared-store.js';
import { runBounded, startUpstream, type Upstream } from './processes.js';
import { positive, serviceEnv } from './settings.js';

const settings = {
  requests: positive('IDEM_BENCH_REQUESTS', 10_000),
  payloadBytes: positive('IDEM_BENCH_PAYLOAD_BYTES', 28_000),
  deadlineSeconds: positive('IDEM_BENCH_DEADLINE_SECONDS', 600),
  /** One run per entry; run one per process (IDEM_BENCH_USERS=1, then 100) for an RSS that starts clean. */
  users: (process.env.IDEM_BENCH_USERS ?? '1,100').split(',').map((n) => {
    const users = Number(n);
    if (!Number.isInteger(users) || users < 1 || users > 1000) throw new Error(`IDEM_BENCH_USERS: "${n}" is not 1..1000`);
    return users;
  }),
};
const PASSED_THROUGH = ['IDEMPOTENCY_MAX_RECORDS_PER_USER', 'IDEMPOTENCY_MAX_BYTES_PER_USER', 'MEMORY_STORE_MAX_BYTES'];

const gc = (globalThis as { gc?: () => void }).gc;
const MiB = 1024 * 1024;

function settled(): { heapUsedMiB: number; rssMiB: number } {
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsedMiB: round(heapUsed / MiB), rssMiB: round(rss / MiB) };
}

const round = (n: number) => Math.round(n * 10) / 10;

async function run(upstream: Upstream, users: number): Promise<Record<string, unknown>> {
  // The per-user limit is out of reach (serviceEnv): the load is one user's 10,000 requests.
  const env = serviceEnv(upstream, { LOG_LEVEL: 'warn' });
  for (const name of PASSED_THROUGH) if (process.env[name]) env[name] = process.env[name];
  const { app } = await createApp(loadConfig(env));
  try {
    const tokens = upstream.fixture.tokens.slice(0, users);
    const send = (token: string, key: string | undefined, n: number) =>
      app.inject({
        method: 'PATCH',
        url: '/me/custom-data',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        payload: JSON.stringify({ theme: n % 2 ? 'dark' : 'light', preferences: { digest: 'weekly', notes: `${n} ${'n'.repeat(settings.payloadBytes)}` } }),
      });
    // Warm-up without keys: caches, the M2M token, JIT; then the baseline.
    for (let i = 0; i < 200; i++) await send(tokens[i % tokens.length], undefined, i);
    const before = settled();
    const started = Date.now();
    const statuses = new Map<number, number>();
    for (let i = 0; i < settings.requests; i++) {
      const res = await send(tokens[i % tokens.length], `bench-${users}-${i}`, i);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
    const seconds = (Date.now() - started) / 1000;
    const after = settled();
    const store = app.get(SharedStore) as SharedStore & { stats?: () => Record<string, number> };
    return {
      users,
      requests: settings.requests,
      statuses: Object.fromEntries(statuses),
      seconds: round(seconds),
      before,
      after,
      heapGrowthMiB: round(after.heapUsedMiB - before.heapUsedMiB),
      rssGrowthMiB: round(after.rssMiB - before.rssMiB),
      ...(store.stats ? { store: store.stats() } : {}),
    };
  } finally {
    await app.close();
  }
}

runBounded(
  'idempotency-memory',
  async () => {
    if (!gc) throw new Error('run with node --expose-gc, so the heap is measured after a full collection');
    const upstream = await startUpstream({ kind: 'bench' });
    try {
      const label = process.env.IDEM_BENCH_LABEL ?? 'this build';
      for (const users of settings.users) {
        const result = await run(upstream, users);
        process.stdout.write(`${JSON.stringify({ label, ...result })}\n`);
        settled();
      }
    } finally {
      await upstream.close();
    }
  },
  settings.deadlineSeconds,
);
