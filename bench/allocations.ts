/**
 * `npm run bench:allocations`: where each request's allocations go, the service next to the baseline (issue #20:
 * "Where [a target] cannot hold, the note shows the profile that proves what the remainder is").
 *
 * For each scenario, in each server (both child processes on 127.0.0.1, against the Logto emulator in a process of
 * its own, as in `npm run bench`), after a warm-up:
 * 1. a fixed number of requests, over which the server itself (alloc-probe.ts, preloaded) measures the bytes V8
 *    allocated (exact, from the heap's size around every collection), its CPU time and its collections;
 * 2. another window of requests under V8's sampling heap profiler (collected objects included), summarized in bytes
 *    per request by place (package, file of its own, node internals), by function and by the innermost frame of
 *    the server's own code, and the service minus the baseline by place and by function.
 * Prints the tables and writes bench/results/allocations.json (results/allocations.partial.json.tmp when the
 * scenarios, the service's entry, or the node options or flags are not the defaults), the profiles to
 * bench/results/profiles/allocations/.
 *
 * The service runs from dist/main.js (the unbundled build) unless BENCH_SERVICE_ENTRY says otherwise, so that every
 * function has its own file (in the bundle every function is in dist/server.js). Both servers run with the
 * Docker image's NODE_OPTIONS, as in the bench. Settings: see bench/README.md ("Allocations per request").
 */
import autocannon from 'autocannon';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  difference,
  formatDifference,
  formatShares,
  notableDifferences,
  summarizeHeapProfile,
  windowFigures,
  type Difference,
  type HeapProfile,
  type HeapProfileSummary,
  type ProbeCommand,
  type ProbeReply,
  type WindowFigures,
} from './allocation-profile.js';
import { killAll, runBounded, startServer, startUpstream, type ServerProcess, type Upstream } from './processes.js';
import { imageNodeOptions, machineFacts, positive, repoRoot as root, serviceEnv } from './settings.js';
import { scenarios, VERIFIED_TOKEN_CACHE_SIZE, type LoadRequest, type Scenario, type ScenarioId } from './scenarios.js';

type ServerName = 'service' | 'baseline';

const settings = {
  /** Requests of the measured window (bytes and CPU per request). */
  requests: positive('BENCH_ALLOC_REQUESTS', 20_000),
  /** Requests before it, unmeasured: JIT, caches, the M2M token, the connection pools. */
  warmupRequests: positive('BENCH_ALLOC_WARMUP', 5_000),
  /** Requests of the profiled window (the sampling profiler costs CPU, so it is a window of its own). */
  profileRequests: positive('BENCH_ALLOC_PROFILE_REQUESTS', 5_000),
  /** Mean bytes between two samples of the heap profiler (V8's default is 32 KiB). */
  samplingIntervalBytes: positive('BENCH_ALLOC_SAMPLING_INTERVAL', 1024),
  connections: positive('BENCH_CONNECTIONS', 16),
  /** Rows of each printed table (the JSON keeps more). */
  top: positive('BENCH_ALLOC_TOP', 20),
  verifiedTokenCacheSize: VERIFIED_TOKEN_CACHE_SIZE,
};
const DEFAULT_SCENARIOS: ScenarioId[] = ['me-one-token', 'patch-custom-data', 'me-security'];
const only = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
const serviceEntry = process.env.BENCH_SERVICE_ENTRY || join(root, 'dist', 'main.js');
const nodeFlags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
const nodeOptions = imageNodeOptions(process.env.BENCH_NODE_OPTIONS);

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(root, 'bench', 'results');
const profilesDir = join(resultsDir, 'profiles', 'allocations');
const PROBE = new URL('./alloc-probe.js', import.meta.url).href;
/** Rows kept in the JSON per list. */
const JSON_ROWS = 40;

type Command = ProbeCommand extends infer C ? (C extends unknown ? Omit<C, 'seq'> : never) : never;

/** The commands of alloc-probe.ts: a file, then SIGUSR2; the answer is a file too. */
class Probe {
  private seq = 0;
  constructor(
    private readonly server: ServerProcess,
    private readonly dir: string,
  ) {}

  async send(command: Command, timeoutMs = 60_000): Promise<Extract<ProbeReply, { ok: true }>> {
    const seq = ++this.seq;
    writeFileSync(join(this.dir, 'command.json'), JSON.stringify({ ...command, seq }));
    this.server.child.kill('SIGUSR2');
    const file = join(this.dir, `reply-${seq}.json`);
    const deadline = performance.now() + timeoutMs;
    while (!existsSync(file)) {
      if (this.server.child.exitCode !== null || this.server.child.signalCode !== null) throw new Error(`${this.server.name} exited (probe command ${command.op})`);
      if (performance.now() > deadline) throw new Error(`${this.server.name}: no answer to probe command ${command.op} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const reply = JSON.parse(readFileSync(file, 'utf8')) as ProbeReply;
    rmSync(file);
    if (!reply.ok) throw new Error(`${this.server.name}: probe command ${command.op} failed: ${reply.error}`);
    return reply;
  }
}

/** `amount` requests of the scenario at full speed (closed loop, BENCH_CONNECTIONS connections); every one must succeed. */
async function drive(server: ServerProcess, scenario: Scenario, amount: number): Promise<void> {
  const next = scenario.generator();
  const toAutocannon = (request: LoadRequest) => ({ method: request.method, path: request.path, headers: request.headers, body: request.body });
  const result = await autocannon({
    url: server.url,
    connections: settings.connections,
    amount,
    timeout: 10,
    requests: [{ setupRequest: (request) => ({ ...request, ...toAutocannon(next()) }) }],
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) throw new Error(`${scenario.id} on the ${server.name}: ${failed} of ${amount} requests failed (${JSON.stringify(result.statusCodeStats)})`);
  // What the server does after the last answer (log line, hooks) belongs to the window that just ended.
  await new Promise((resolve) => setTimeout(resolve, 100));
}

interface ServerFigures {
  window: WindowFigures;
  upstreamCallsPerRequest: number;
  profile: HeapProfileSummary;
  profileFile: string;
}

async function measure(upstream: Upstream, server: ServerProcess, probe: Probe, scenario: Scenario): Promise<ServerFigures> {
  await drive(server, scenario, settings.warmupRequests);

  await upstream.resetCounters();
  await probe.send({ op: 'begin' });
  await drive(server, scenario, settings.requests);
  const { window } = await probe.send({ op: 'end' });
  const counters = await upstream.counters();
  if (!window) throw new Error(`${server.name}: the probe sent no window`);

  const profileFile = join(profilesDir, `${scenario.id}-${server.name}.heapprofile`);
  await probe.send({ op: 'profile-start', samplingInterval: settings.samplingIntervalBytes });
  await drive(server, scenario, settings.profileRequests);
  await probe.send({ op: 'profile-stop', path: profileFile });
  const profile = summarizeHeapProfile(JSON.parse(readFileSync(profileFile, 'utf8')) as HeapProfile, settings.profileRequests);

  return { window: windowFigures(window, settings.requests), upstreamCallsPerRequest: counters.managementCalls / settings.requests, profile, profileFile };
}

// --- printing ---------------------------------------------------------------------------------------------------
const fixed = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function windowTable(rows: Array<{ id: string; service: ServerFigures; baseline: ServerFigures }>): string {
  const head = ['scenario', 'server', 'B/req', 'ratio', 'promoted B/req', 'CPU µs/req', 'ratio', 'scav./1k', 'full GC/1k', 'GC pause µs/req', 'Logto calls/req', 'sampled B/req'];
  const lines: string[][] = [head];
  for (const row of rows) {
    for (const name of ['service', 'baseline'] as const) {
      const f = row[name];
      const gcs = f.window.gcsPer1kRequests;
      const full = Object.entries(gcs).filter(([type]) => type !== 'Scavenge' && type !== 'MinorMarkSweep').reduce((n, [, v]) => n + v, 0);
      lines.push([
        name === 'service' ? row.id : '',
        name,
        fixed(f.window.bytesPerRequest),
        name === 'service' ? fixed(row.service.window.bytesPerRequest / row.baseline.window.bytesPerRequest, 2) : '',
        fixed(f.window.promotedBytesPerRequest),
        fixed(f.window.cpuUsPerRequest),
        name === 'service' ? fixed(row.service.window.cpuUsPerRequest / row.baseline.window.cpuUsPerRequest, 2) : '',
        fixed((gcs.Scavenge ?? 0) + (gcs.MinorMarkSweep ?? 0), 1),
        fixed(full, 2),
        fixed(f.window.gcPauseUsPerRequest, 1),
        fixed(f.upstreamCallsPerRequest, 2),
        fixed(f.profile.totalBytesPerRequest),
      ]);
    }
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines.map((l) => l.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n');
}

const rounded = (shares: Array<{ key: string; bytesPerRequest: number }>) => shares.slice(0, JSON_ROWS).map((s) => ({ key: s.key, bytesPerRequest: Math.round(s.bytesPerRequest) }));
const roundedDifference = (rows: Difference[]) => {
  const { more, less, rest } = notableDifferences(rows, JSON_ROWS);
  const round = (r: Difference) => ({ key: r.key, difference: Math.round(r.difference), service: Math.round(r.service), baseline: Math.round(r.baseline) });
  return { more: more.map(round), less: less.map(round), rest: Math.round(rest) };
};
const serverJson = (f: ServerFigures) => ({
  window: {
    ...f.window,
    bytesPerRequest: Math.round(f.window.bytesPerRequest),
    promotedBytesPerRequest: Math.round(f.window.promotedBytesPerRequest),
    cpuUsPerRequest: Math.round(f.window.cpuUsPerRequest),
    gcPauseUsPerRequest: Number(f.window.gcPauseUsPerRequest.toFixed(1)),
    gcsPer1kRequests: Object.fromEntries(Object.entries(f.window.gcsPer1kRequests).map(([k, v]) => [k, Number(v.toFixed(2))])),
  },
  upstreamCallsPerRequest: Number(f.upstreamCallsPerRequest.toFixed(3)),
  profile: {
    file: relative(root, f.profileFile),
    requests: f.profile.requests,
    totalBytesPerRequest: Math.round(f.profile.totalBytesPerRequest),
    places: rounded(f.profile.places),
    functions: rounded(f.profile.functions),
    ownFrames: rounded(f.profile.ownFrames),
  },
});

// --- main ------------------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`[allocations ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
  const loadAverageBefore = loadavg();
  const upstream = await startUpstream({ kind: 'bench' });
  const probeDirs: string[] = [];
  const servers: ServerProcess[] = [];
  try {
    const all = scenarios(upstream.fixture);
    const ids = only ?? DEFAULT_SCENARIOS;
    const unknown = ids.filter((id) => !all.some((s) => s.id === id));
    if (unknown.length > 0) throw new Error(`BENCH_SCENARIOS: no scenario ${unknown.join(', ')} (${all.map((s) => s.id).join(', ')})`);
    const list = ids.map((id) => all.find((s) => s.id === id) as Scenario);
    mkdirSync(profilesDir, { recursive: true });
    log(`emulator on ${upstream.endpoint}; NODE_OPTIONS="${nodeOptions}" for both servers; service: ${relative(root, serviceEntry)}`);

    const env = serviceEnv(upstream, { NODE_OPTIONS: nodeOptions, VERIFIED_TOKEN_CACHE_SIZE: String(settings.verifiedTokenCacheSize) });
    const start = async (name: ServerName, script: string, readyPath: string) => {
      const dir = mkdtempSync(join(tmpdir(), `alloc-probe-${name}-`));
      probeDirs.push(dir);
      const server = await startServer({ name, script, nodeArgs: ['--import', PROBE, ...nodeFlags], env: { ...env, ALLOC_PROBE_DIR: dir }, readyPath });
      servers.push(server);
      return { server, probe: new Probe(server, dir) };
    };
    const service = await start('service', serviceEntry, '/health/ready');
    const baseline = await start('baseline', join(here, 'baseline.js'), '/health/live');
    log(`service ready in ${service.server.startupMs.toFixed(0)} ms, baseline in ${baseline.server.startupMs.toFixed(0)} ms`);

    const rows: Array<{ id: ScenarioId; title: string; service: ServerFigures; baseline: ServerFigures; places: Difference[]; functions: Difference[] }> = [];
    for (const scenario of list) {
      const figures = {} as Record<ServerName, ServerFigures>;
      for (const [name, { server, probe }] of [['service', service], ['baseline', baseline]] as const) {
        figures[name] = await measure(upstream, server, probe, scenario);
        const w = figures[name].window;
        log(`${scenario.id} ${name}: ${fixed(w.bytesPerRequest)} B/req, ${fixed(w.cpuUsPerRequest)} µs CPU/req (profile: ${fixed(figures[name].profile.totalBytesPerRequest)} B/req sampled)`);
      }
      rows.push({
        id: scenario.id,
        title: scenario.title,
        ...figures,
        places: difference(figures.service.profile.places, figures.baseline.profile.places),
        functions: difference(figures.service.profile.functions, figures.baseline.profile.functions),
      });
    }
    await Promise.all(servers.map((server) => server.stop()));

    const top = settings.top;
    process.stdout.write(
      `\nAllocated on the V8 heap per request (exact; ${fixed(settings.requests)} requests after ${fixed(settings.warmupRequests)} of warm-up, ` +
        `${settings.connections} connections, full speed) and CPU per request over the same requests; ` +
        `"sampled": the heap profile's estimate over the next ${fixed(settings.profileRequests)} requests:\n\n${windowTable(rows)}\n`,
    );
    for (const row of rows) {
      const more = row.service.window.bytesPerRequest - row.baseline.window.bytesPerRequest;
      process.stdout.write(
        `\n=== ${row.id} (${row.title}): the service allocates ${fixed(more)} B more per request; ` +
          `sampled profiles, B/request over ${fixed(settings.profileRequests)} requests ===\n\n` +
          `${formatDifference('by place', row.places, top, 10)}\n\n` +
          `${formatDifference('by function', row.functions, top, 10)}\n\n` +
          `${formatShares("service, by the innermost frame of its own code (src/) on the allocation's stack", row.service.profile.ownFrames, top)}\n\n` +
          `${formatShares('service, by function', row.service.profile.functions, top)}\n\n` +
          `${formatShares('baseline, by function', row.baseline.profile.functions, top)}\n`,
      );
    }

    const partial = only !== undefined || Boolean(process.env.BENCH_SERVICE_ENTRY) || nodeFlags.length > 0 || process.env.BENCH_NODE_OPTIONS !== undefined;
    const file = join(resultsDir, partial ? 'allocations.partial.json.tmp' : 'allocations.json');
    const output = {
      date: new Date().toISOString(),
      machine: machineFacts(loadAverageBefore),
      node: process.version,
      settings: { ...settings, nodeOptions, nodeFlags, serviceEntry: relative(root, serviceEntry), scenarios: list.map((s) => s.id) },
      scenarios: rows.map((row) => ({
        id: row.id,
        title: row.title,
        bytesPerRequestRatio: Number((row.service.window.bytesPerRequest / row.baseline.window.bytesPerRequest).toFixed(3)),
        cpuRatio: Number((row.service.window.cpuUsPerRequest / row.baseline.window.cpuUsPerRequest).toFixed(3)),
        service: serverJson(row.service),
        baseline: serverJson(row.baseline),
        difference: { places: roundedDifference(row.places), functions: roundedDifference(row.functions) },
      })),
    };
    writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
    process.stdout.write(`\nwritten: ${relative(root, file)}${partial ? ' (not the default run: allocations.json left as it was)' : ''}; profiles in ${relative(root, profilesDir)}/\n`);
    if (loadAverageBefore[0] > output.machine.cores) {
      process.stdout.write(`note: load average ${loadAverageBefore[0].toFixed(1)} on ${output.machine.cores} cores before the run: the CPU figures shared the machine (the bytes do not depend on it).\n`);
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop(2000).catch(() => undefined)));
    await upstream.close(2000);
    killAll();
    for (const dir of probeDirs) rmSync(dir, { recursive: true, force: true });
  }
}

// Bounded: seeding and start-up (60 s), then every request at no less than 200 per second (the profiled windows are
// the slowest); past that everything is killed.
const requestsPerServer = settings.warmupRequests + settings.requests + settings.profileRequests;
const scenarioCount = only?.length ?? DEFAULT_SCENARIOS.length;
const deadlineSeconds = Math.ceil(60 + (scenarioCount * 2 * requestsPerServer) / 200);
runBounded('bench:allocations', main, deadlineSeconds);
