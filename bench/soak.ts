/**
 * `npm run soak`: mixed traffic at a fixed rate against the built service for SOAK_SECONDS (default 300), with
 * the Logto emulator in a child process of its own (upstream.ts), everything on 127.0.0.1 (issue #11). Not a CI
 * test: it reports, per 30 s window, the requests, unexpected answers, transport errors, p50/p99 latency and the
 * service's resident set size, so a leak (RSS climbing window after window) or a slow drift in latency shows up.
 * Bounded: the load stops after SOAK_SECONDS, and everything is killed SOAK_SECONDS + 60 s after the start
 * whatever happens.
 *
 * Open loop like paced-load.ts: request i is due at start + i / rate and its latency is counted from then.
 *
 * Environment: SOAK_SECONDS (300), SOAK_RATE (requests per second, 100), SOAK_WINDOW_SECONDS (30),
 * SOAK_USERS (200), SOAK_SERVICE_ENTRY (another build's entry; default dist/server.js), SOAK_NODE_FLAGS (e.g. `--trace-gc`). Writes bench/results/soak-latest.json too.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { killAll, runBounded, startServer, startUpstream } from './processes.js';
import { SOAK_PASSWORD } from './scenarios.js';
import { imageNodeOptions, positive, repoRoot as root, serviceEnv } from './settings.js';

const settings = {
  seconds: positive('SOAK_SECONDS', 300),
  rate: positive('SOAK_RATE', 100),
  windowSeconds: positive('SOAK_WINDOW_SECONDS', 30),
  users: positive('SOAK_USERS', 200),
};

interface SoakRequest {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Statuses that are a correct answer to this request. */
  expect: number[];
}

interface User {
  id: string;
  token: string;
}

/** A weighted mix of reads, writes, step-up verifications and rejected requests. */
function mix(users: User[], wrongPasswordUsers: User[]): () => SoakRequest {
  const json = { 'content-type': 'application/json' };
  const kinds: Array<[number, (user: User, n: number) => SoakRequest]> = [
    [30, (u) => ({ name: 'GET /me', method: 'GET', path: '/me', headers: auth(u), expect: [200] })],
    [8, (u) => ({ name: 'GET /me/sessions', method: 'GET', path: '/me/sessions', headers: auth(u), expect: [200] })],
    [8, (u) => ({ name: 'GET /me/mfa', method: 'GET', path: '/me/mfa', headers: auth(u), expect: [200] })],
    [8, (u) => ({ name: 'GET /me/security', method: 'GET', path: '/me/security', headers: auth(u), expect: [200] })],
    [6, (u) => ({ name: 'GET /me/identities', method: 'GET', path: '/me/identities', headers: auth(u), expect: [200] })],
    [4, (u) => ({ name: 'GET /me/grants', method: 'GET', path: '/me/grants', headers: auth(u), expect: [200] })],
    [4, (u) => ({ name: 'GET /me/organizations', method: 'GET', path: '/me/organizations', headers: auth(u), expect: [200] })],
    [
      12,
      (u, n) => ({
        name: 'PATCH /me/custom-data',
        method: 'PATCH',
        path: '/me/custom-data',
        headers: { ...auth(u), ...json },
        body: JSON.stringify({ theme: n % 2 === 0 ? 'dark' : 'light' }),
        expect: [200],
      }),
    ],
    [
      6,
      (u, n) => ({
        name: 'PATCH /me/profile',
        method: 'PATCH',
        path: '/me/profile',
        headers: { ...auth(u), ...json },
        body: JSON.stringify({ nickname: `soak-${n % 1000}` }),
        expect: [200],
      }),
    ],
    [
      5,
      (u) => ({
        name: 'POST /me/verifications/password',
        method: 'POST',
        path: '/me/verifications/password',
        headers: { ...auth(u), ...json },
        body: JSON.stringify({ password: SOAK_PASSWORD }),
        expect: [201],
      }),
    ],
    [
      3,
      (_u, n) => ({
        name: 'POST /me/verifications/password (wrong)',
        method: 'POST',
        path: '/me/verifications/password',
        // Users of their own: failed attempts lock verification for a while (429), which must not hit the
        // users whose correct verifications are expected to succeed.
        headers: { ...auth(wrongPasswordUsers[n % wrongPasswordUsers.length] as User), ...json },
        body: JSON.stringify({ password: 'not-the-password' }),
        expect: [422, 429],
      }),
    ],
    [3, (u) => ({ name: 'PATCH /me (invalid)', method: 'PATCH', path: '/me', headers: { ...auth(u), ...json }, body: '{"name":42}', expect: [400] })],
    [2, () => ({ name: 'GET /me (bad token)', method: 'GET', path: '/me', headers: { authorization: 'Bearer not.a.token' }, expect: [401] })],
    [1, () => ({ name: 'GET /health/live', method: 'GET', path: '/health/live', headers: {}, expect: [200] })],
  ];
  const total = kinds.reduce((sum, [weight]) => sum + weight, 0);
  let n = 0;
  return () => {
    const i = n++;
    const user = users[i % users.length] as User;
    // A deterministic spread over the kinds (golden-ratio stride), so every window sees the same mix.
    let pick = Math.floor(((i * 0.6180339887) % 1) * total);
    for (const [weight, make] of kinds) {
      if (pick < weight) return make(user, i);
      pick -= weight;
    }
    throw new Error('unreachable');
  };
}

function auth(user: User): Record<string, string> {
  return { authorization: `Bearer ${user.token}` };
}

interface Window {
  index: number;
  requests: number;
  unexpected: number;
  errors: number;
  latencies: number[];
  rssMiB: number;
}

function readRssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  // Tokens long enough to outlive the soak; the service caches verified tokens.
  const upstream = await startUpstream({ kind: 'soak', users: settings.users, tokenTtlSeconds: settings.seconds + 3600 });
  try {
    const seeded: User[] = upstream.fixture.userIds.map((id, i) => ({ id, token: upstream.fixture.tokens[i] }));
    const wrongPasswordUsers = seeded.slice(0, 10);
    const users = seeded.slice(10);
    const service = await startServer({
      name: 'service',
      // What the image starts (the bundle), or SOAK_SERVICE_ENTRY: another build of the service (e.g. an older
      // commit's dist/server.js) under the same load.
      script: process.env.SOAK_SERVICE_ENTRY || join(root, 'dist', 'server.js'),
      nodeArgs: (process.env.SOAK_NODE_FLAGS ?? '').split(' ').filter(Boolean),
      // As the image runs it (SOAK_NODE_OPTIONS replaces it, e.g. empty for Node's defaults); the limits are
      // counted but out of reach of the load: a soak is about the service, not its limits.
      env: serviceEnv(upstream, { NODE_OPTIONS: imageNodeOptions(process.env.SOAK_NODE_OPTIONS) }),
      readyPath: '/health/ready',
    });
    log(`soak: ${settings.seconds} s at ${settings.rate} req/s over ${users.length} users; service pid ${service.child.pid}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}`);
    const rssAtStart = readRssMiB(service.child.pid);

    const next = mix(users, wrongPasswordUsers);
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const target = new URL(service.url);
    const total = Math.round(settings.rate * settings.seconds);
    const intervalMs = 1000 / settings.rate;
    const windows: Window[] = [];
    const unexpectedByName = new Map<string, Map<number, number>>();
    const windowOf = (due: number): Window => {
      const index = Math.floor((due - start) / (settings.windowSeconds * 1000));
      let w = windows[index];
      if (!w) {
        w = { index, requests: 0, unexpected: 0, errors: 0, latencies: [], rssMiB: Number.NaN };
        windows[index] = w;
      }
      return w;
    };
    const start = performance.now();
    let sent = 0;
    let settled = 0;

    // RSS sampled at each window's end, plus a progress line.
    const sampler = setInterval(() => {
      const index = Math.floor((performance.now() - start) / (settings.windowSeconds * 1000)) - 1;
      const w = windows[index];
      if (w && Number.isNaN(w.rssMiB)) {
        w.rssMiB = readRssMiB(service.child.pid);
        log(describe(w));
      }
    }, 1000);

    await new Promise<void>((resolve) => {
      const finish = () => {
        settled += 1;
        if (settled === total) resolve();
      };
      const send = (i: number) => {
        const due = start + i * intervalMs;
        const r = next();
        const w = windowOf(due);
        w.requests += 1;
        const headers = r.body ? { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) } : r.headers;
        const req = httpRequest({ agent, host: target.hostname, port: target.port, method: r.method, path: r.path, headers }, (res) => {
          res.resume();
          res.once('end', () => {
            w.latencies.push(performance.now() - due);
            const status = res.statusCode ?? 0;
            if (!r.expect.includes(status)) {
              w.unexpected += 1;
              const byStatus = unexpectedByName.get(r.name) ?? new Map<number, number>();
              byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
              unexpectedByName.set(r.name, byStatus);
            }
            finish();
          });
        });
        req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
        req.once('error', () => {
          w.errors += 1;
          finish();
        });
        req.end(r.body);
      };
      const tick = () => {
        const dueNow = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
        while (sent < dueNow) send(sent++);
        if (sent < total) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
      };
      tick();
    });
    clearInterval(sampler);
    agent.destroy();
    const last = windows.at(-1);
    if (last && Number.isNaN(last.rssMiB)) {
      last.rssMiB = readRssMiB(service.child.pid);
      log(describe(last));
    }
    const peakRssMiB = service.peakRssMiB();
    await service.stop(5000);
    const counted = await upstream.counters();

    const all = windows.flatMap((w) => w.latencies).sort((a, b) => a - b);
    const requests = windows.reduce((s, w) => s + w.requests, 0);
    const unexpected = windows.reduce((s, w) => s + w.unexpected, 0);
    const errors = windows.reduce((s, w) => s + w.errors, 0);
    const rss = windows.map((w) => w.rssMiB).filter((v) => Number.isFinite(v));
    const summary = {
      date: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      loadAverageAfter: loadavg(),
      settings,
      requests,
      unexpected,
      errors,
      unexpectedByRequest: Object.fromEntries([...unexpectedByName].map(([name, byStatus]) => [name, Object.fromEntries(byStatus)])),
      p50Ms: round(percentile(all, 50)),
      p99Ms: round(percentile(all, 99)),
      maxMs: round(all.at(-1) ?? Number.NaN),
      rssAtStartMiB: round(rssAtStart),
      peakRssMiB: round(peakRssMiB),
      windows: windows.map((w) => {
        const sorted = [...w.latencies].sort((a, b) => a - b);
        return { fromSecond: w.index * settings.windowSeconds, requests: w.requests, unexpected: w.unexpected, errors: w.errors, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), rssMiB: round(w.rssMiB) };
      }),
      upstream: { managementCalls: counted.managementCalls, tokenRequests: counted.tokenRequests, jwksFetches: counted.jwksFetches },
    };
    log('');
    log(`requests ${requests}, unexpected ${unexpected}, transport errors ${errors}; p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms`);
    log(`RSS: ${summary.rssAtStartMiB} MiB after start-up, ${rss.map((v) => round(v)).join(' → ')} MiB per window, peak ${summary.peakRssMiB} MiB`);
    if (unexpected > 0) log(`unexpected answers: ${JSON.stringify(summary.unexpectedByRequest)}`);
    const resultsDir = join(root, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'soak-latest.json'), `${JSON.stringify(summary, null, 2)}\n`);
    if (unexpected > 0 || errors > 0) process.exitCode = 1;
  } finally {
    await upstream.close(2000);
    killAll();
  }
}

function describe(w: Window): string {
  const sorted = [...w.latencies].sort((a, b) => a - b);
  const from = w.index * settings.windowSeconds;
  return `  ${String(from).padStart(4)}–${String(from + settings.windowSeconds).padEnd(4)} s  ${String(w.requests).padStart(6)} req  ${String(w.unexpected).padStart(3)} unexpected  ${String(w.errors).padStart(3)} errors  p50 ${round(percentile(sorted, 50))} ms  p99 ${round(percentile(sorted, 99))} ms  RSS ${round(w.rssMiB)} MiB`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

// Bounded whatever happens: the load, plus a minute for seeding, start-up and draining.
runBounded('soak', main, settings.seconds + 60);
