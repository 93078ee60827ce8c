/**
 * `npm run bench`: the service next to a baseline doing the same work (bench/baseline.ts), under the same load,
 * on 127.0.0.1, against the Logto emulator (an upstream that answers at once). Issue #10.
 *
 * Both servers run as child processes, and so does the emulator (bench/upstream.ts): this process only runs the
 * load and times it, so its own stalls do not delay the upstream answers the servers wait for. Runs alternate
 * service/baseline (ABBA over BENCH_ROUNDS) and the best run of each is compared, so a burst of someone else's
 * load on a shared machine spoils one run rather than the comparison. Prints a table and writes
 * bench/results/latest.json.
 *
 * Environment: BENCH_DURATION (seconds per run, default 4: the whole run then takes about 2½ minutes, 2¾ with the build),
 * BENCH_CONNECTIONS (16), BENCH_ROUNDS (2), BENCH_SCENARIOS (comma-separated ids, default all), BENCH_PROFILE=1
 * (both servers under --cpu-prof; prints where their CPU time goes after start-up), BENCH_NODE_FLAGS (node flags
 * for both servers, e.g. "--max-semi-space-size=8", to try a deployment setting), BENCH_SERVICE_ENTRY (another
 * build of the service, e.g. a candidate fix, instead of dist/server.js, the single-file bundle the image starts). With any but the first three set, the
 * figures go to bench/results/partial.json.tmp and latest.json is left as it was.
 */
import autocannon from 'autocannon';
import { deepStrictEqual } from 'node:assert';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorCounters } from '@logto-account-service/logto-emulator';
import { formatSummary, summarizeProfile } from './cpu-profile.js';
import { LEAD_IN_SECONDS, openPacedLoad } from './paced-load.js';
import { cpuMeter, killAll, runBounded, startServer, startUpstream, type ServerProcess, type Upstream } from './processes.js';
import { imageNodeOptions, machineFacts, positive, repoRoot as root, serviceEnv } from './settings.js';
import {
  best,
  checkTargets,
  lowestP99,
  latencyFigures,
  rounded,
  table,
  type RunFigures,
  type ScenarioReport,
  type ServerName,
} from './report.js';
import { scenarios, VERIFIED_TOKEN_CACHE_SIZE, type Fixture, type LoadRequest, type Scenario } from './scenarios.js';
import { compareTracing, type TracingReport } from './tracing.js';
import { measureUpstreamCalls, upstreamCallsTable } from './upstream-calls.js';

const settings = {
  durationSeconds: positive('BENCH_DURATION', 4),
  connections: positive('BENCH_CONNECTIONS', 16),
  rounds: positive('BENCH_ROUNDS', 2),
  warmupSeconds: 1,
  /** The fixed-rate comparison offers this share of the slower server's best throughput: well within reach. */
  fixedRateShare: 0.4,
  verifiedTokenCacheSize: VERIFIED_TOKEN_CACHE_SIZE,
};
const profiling = process.env.BENCH_PROFILE === '1';
/**
 * What the image starts: the single-file bundle `npm run build` writes (scripts/bundle.mjs), or another build of the
 * service to measure (e.g. a candidate fix). A profiled run (partial anyway) starts the unbundled dist/main.js by
 * default: cpu-profile.ts attributes time by module path, and in the bundle every function is in dist/server.js.
 */
const serviceEntry = process.env.BENCH_SERVICE_ENTRY || join(root, 'dist', profiling ? 'main.js' : 'server.js');
const nodeFlags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
const only = process.env.BENCH_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(root, 'bench', 'results');

/**
 * Both servers run with the NODE_OPTIONS the Docker image sets (`ENV NODE_OPTIONS=` in the Dockerfile): the
 * service is measured as it is deployed, and the baseline under the same V8 settings so the comparison stays
 * fair. BENCH_NODE_OPTIONS replaces them (e.g. `BENCH_NODE_OPTIONS=` for Node's defaults).
 */
const nodeOptions = imageNodeOptions(process.env.BENCH_NODE_OPTIONS);

// --- lifetime accounting of upstream traffic per server --------------------------------------------------------
const lifetime: Record<ServerName, { tokenRequests: number; jwksFetches: number; managementCalls: number; peakRssMiB: number }> = {
  service: { tokenRequests: 0, jwksFetches: 0, managementCalls: 0, peakRssMiB: 0 },
  baseline: { tokenRequests: 0, jwksFetches: 0, managementCalls: 0, peakRssMiB: 0 },
};

/** Runs `work` with the emulator's counters reset, and charges what it counted to `server`. */
async function charged<T>(upstream: Upstream, server: ServerName, work: () => Promise<T>): Promise<{ value: T; counters: EmulatorCounters }> {
  await upstream.resetCounters();
  const value = await work();
  const counters = await upstream.counters();
  lifetime[server].tokenRequests += counters.tokenRequests;
  lifetime[server].jwksFetches += counters.jwksFetches;
  lifetime[server].managementCalls += counters.managementCalls;
  return { value, counters };
}

// --- load runs -------------------------------------------------------------------------------------------------
async function maxLoad(upstream: Upstream, server: ServerProcess & { role: ServerName }, scenario: Scenario, durationSeconds: number): Promise<RunFigures> {
  const next = scenario.generator();
  const latencies: number[] = [];
  const cpu = cpuMeter(server);
  const { value: result, counters } = await charged(upstream, server.role, async () => {
    const instance = autocannon({
      url: server.url,
      connections: settings.connections,
      duration: durationSeconds,
      timeout: 10,
      requests: [{ setupRequest: (request) => ({ ...request, ...toAutocannon(next()) }) }],
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => latencies.push(responseTimeMs));
    const result = await instance;
    // Requests still in flight when the run stopped are finished by the server (and call Logto): let them.
    await new Promise((resolve) => setTimeout(resolve, 250));
    return result;
  });
  const completed = latencies.length;
  const peak = server.peakRssMiB();
  lifetime[server.role].peakRssMiB = Math.max(lifetime[server.role].peakRssMiB, peak);
  return {
    server: server.role,
    load: 'max',
    durationSeconds: result.duration,
    completed,
    requestsPerSecond: completed / result.duration,
    ...latencyFigures(Float64Array.from(latencies)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    // Per request the server received: those cut off at the end were served too, the answer just not read.
    upstreamCallsPerRequest: result.requests.sent ? counters.managementCalls / result.requests.sent : 0,
    upstreamConnectionsPer10k: result.requests.sent ? (counters.connections * 10_000) / result.requests.sent : 0,
    ...cpu(completed),
    tokenRequests: counters.tokenRequests,
    jwksFetches: counters.jwksFetches,
    peakRssMiB: peak,
  };
}

async function fixedLoad(upstream: Upstream, server: ServerProcess & { role: ServerName }, scenario: Scenario, rate: number): Promise<RunFigures> {
  const next = scenario.generator();
  // The lead-in that opens the connections calls Logto too: charged to the server's lifetime, not to the run.
  const load = (await charged(upstream, server.role, () => openPacedLoad({ url: server.url, rate, maxSockets: 64, next }))).value;
  const cpu = cpuMeter(server);
  const { value: result, counters } = await charged(upstream, server.role, () => load.run(settings.durationSeconds)).finally(() => load.close());
  const peak = server.peakRssMiB();
  lifetime[server.role].peakRssMiB = Math.max(lifetime[server.role].peakRssMiB, peak);
  return {
    server: server.role,
    load: 'fixed',
    offeredRate: rate,
    durationSeconds: result.durationSeconds,
    completed: result.completed,
    requestsPerSecond: result.completed / result.durationSeconds,
    ...latencyFigures(result.latenciesMs),
    errors: result.errors,
    non2xx: result.non2xx,
    upstreamCallsPerRequest: result.completed ? counters.managementCalls / result.completed : 0,
    upstreamConnectionsPer10k: result.completed ? (counters.connections * 10_000) / result.completed : 0,
    ...cpu(result.completed),
    tokenRequests: counters.tokenRequests,
    jwksFetches: counters.jwksFetches,
    peakRssMiB: peak,
  };
}

function toAutocannon(request: LoadRequest) {
  return { method: request.method, path: request.path, headers: request.headers, body: request.body };
}

// --- the same answers from both, or the comparison means nothing -------------------------------------------------
async function checkSameAnswers(upstream: Upstream, servers: Array<ServerProcess & { role: ServerName }>, fixture: Fixture): Promise<void> {
  const ask = async (server: ServerProcess & { role: ServerName }, init: { method: string; path: string; token: string; body?: string }) => {
    const { value } = await charged(upstream, server.role, async () => {
      const response = await fetch(`${server.url}${init.path}`, {
        method: init.method,
        headers: { authorization: `Bearer ${init.token}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
        body: init.body,
      });
      return { status: response.status, body: (await response.json()) as unknown };
    });
    return value;
  };
  // Users 0 and 1: GET, then the same patch through each server.
  for (const [i, token] of fixture.tokens.slice(0, 2).entries()) {
    const me = [];
    for (const server of servers) me.push(await ask(server, { method: 'GET', path: '/me', token }));
    deepStrictEqual(me[1], me[0], `GET /me differs between the service and the baseline (user ${i})`);
    const body = JSON.stringify({ theme: i === 0 ? 'dark' : 'system' });
    const patched = [];
    for (const server of servers) patched.push(await ask(server, { method: 'PATCH', path: '/me/custom-data', token, body }));
    deepStrictEqual(patched[1], patched[0], `PATCH /me/custom-data differs between the service and the baseline (user ${i})`);
    if (patched[0].status !== 200) throw new Error(`PATCH /me/custom-data answered ${patched[0].status}: ${JSON.stringify(patched[0].body)}`);
  }
  // The polled reads (a user with a session, a grant and a TOTP factor).
  for (const path of ['/me/mfa', '/me/sessions', '/me/security']) {
    const answers = [];
    for (const server of servers) answers.push(await ask(server, { method: 'GET', path, token: fixture.tokens[0] }));
    deepStrictEqual(answers[1], answers[0], `GET ${path} differs between the service and the baseline`);
    if (answers[0].status !== 200) throw new Error(`GET ${path} answered ${answers[0].status}: ${JSON.stringify(answers[0].body)}`);
  }
}

// --- main ------------------------------------------------------------------------------------------------------
async function main(): Promise<void> {
  const selected = (fixture: Fixture) => scenarios(fixture).filter((s) => !only || only.includes(s.id));
  const started = performance.now();
  const log = (message: string) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}\n`);
  const loadAverageBefore = loadavg();

  const upstream = await startUpstream({ kind: 'bench' });
  const servers: ServerProcess[] = [];
  try {
    const fixture = upstream.fixture;
    const list = selected(fixture);
    if (list.length === 0) throw new Error(`BENCH_SCENARIOS matched no scenario (${scenarios(fixture).map((s) => s.id).join(', ')})`);
    log(`emulator on ${upstream.endpoint} (own process), ${fixture.tokens.length} users and tokens; NODE_OPTIONS="${nodeOptions}" for both servers`);

    const env = serviceEnv(upstream, {
      NODE_OPTIONS: nodeOptions,
      VERIFIED_TOKEN_CACHE_SIZE: String(settings.verifiedTokenCacheSize),
      // Read by the calibration entry (bench/baseline-plus.ts) when it stands in for the service; ignored otherwise.
      ...(process.env.BENCH_ADDED_CPU_US ? { BENCH_ADDED_CPU_US: process.env.BENCH_ADDED_CPU_US } : {}),
    });
    const profileDir = (server: ServerName) => join(resultsDir, 'profiles', server);
    const profileFlags = (server: ServerName) => (profiling ? ['--cpu-prof', `--cpu-prof-dir=${profileDir(server)}`] : []);
    if (profiling) for (const server of ['service', 'baseline'] as const) mkdirSync(profileDir(server), { recursive: true });
    const profileStart = Date.now();

    const service = Object.assign(
      (
        await charged(upstream, 'service', () =>
          startServer({
            name: 'service',
            script: serviceEntry,
            nodeArgs: [...nodeFlags, ...profileFlags('service')],
            env,
            readyPath: '/health/ready',
          }),
        )
      ).value,
      { role: 'service' as const },
    );
    servers.push(service);
    const baseline = Object.assign(
      (await charged(upstream, 'baseline', () => startServer({ name: 'baseline', nodeArgs: [...nodeFlags, ...profileFlags('baseline')], script: join(here, 'baseline.js'), env, readyPath: '/health/live' }))).value,
      { role: 'baseline' as const },
    );
    servers.push(baseline);
    log(`service ready in ${service.startupMs.toFixed(0)} ms, baseline in ${baseline.startupMs.toFixed(0)} ms`);

    // Sanity, then warm-up (JIT, the M2M token, the JWKS): charged to each server's lifetime, not to a run.
    await checkSameAnswers(upstream, [service, baseline], fixture);
    log('service and baseline give identical answers');
    const warm = scenarios(fixture).find((s) => s.id === 'me-1000-tokens') as Scenario;
    for (const server of [service, baseline]) await maxLoad(upstream, server, warm, settings.warmupSeconds);

    const reports: ScenarioReport[] = [];
    const steadyFromMs = { service: performance.now() - service.spawnedAt, baseline: performance.now() - baseline.spawnedAt };
    for (const scenario of list) {
      const runs: RunFigures[] = [];
      for (let round = 0; round < settings.rounds; round += 1) {
        for (const server of round % 2 === 0 ? [service, baseline] : [baseline, service]) {
          const run = await maxLoad(upstream, server, scenario, settings.durationSeconds);
          runs.push(run);
          log(`${scenario.id} ${server.role}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.p99Ms.toFixed(2)} ms, ${run.cpuUsPerRequest.toFixed(0)} µs CPU/req (main thread ${run.mainThreadCpuUsPerRequest.toFixed(0)})`);
        }
      }
      const s = best(runs, 'service');
      const b = best(runs, 'baseline');
      const report: ScenarioReport = { id: scenario.id, title: scenario.title, service: s, baseline: b, throughputRatio: s.requestsPerSecond / b.requestsPerSecond, cpuRatio: b.cpuUsPerRequest / s.cpuUsPerRequest, runs };
      if (scenario.fixedRate) {
        const rate = Math.max(10, Math.round((settings.fixedRateShare * Math.min(s.requestsPerSecond, b.requestsPerSecond)) / 10) * 10);
        const fixed: RunFigures[] = [];
        for (let round = 0; round < settings.rounds; round += 1) {
          for (const server of round % 2 === 0 ? [service, baseline] : [baseline, service]) fixed.push(await fixedLoad(upstream, server, scenario, rate));
        }
        runs.push(...fixed);
        const fs = lowestP99(fixed, 'service');
        const fb = lowestP99(fixed, 'baseline');
        report.fixedRate = { offeredRate: rate, service: fs, baseline: fb, p99AddedMs: fs.p99Ms - fb.p99Ms };
        log(
          `${scenario.id} at ${rate} req/s: p99 service ${fs.p99Ms.toFixed(2)} ms, baseline ${fb.p99Ms.toFixed(2)} ms; ` +
            `µs CPU/req service ${fs.cpuUsPerRequest.toFixed(0)} (main thread ${fs.mainThreadCpuUsPerRequest.toFixed(0)}), ` +
            `baseline ${fb.cpuUsPerRequest.toFixed(0)} (main thread ${fb.mainThreadCpuUsPerRequest.toFixed(0)})`,
        );
      }
      reports.push(report);
    }

    // What tracing costs on the hot path: the same service with an OTLP exporter and 100% sampling (bench/tracing.ts).
    let tracing: TracingReport | undefined;
    const hotPath = list.find((s) => s.id === 'me-one-token');
    // BENCH_TRACING=0 skips it (quick before/after comparisons of one scenario).
    if (hotPath && process.env.BENCH_TRACING !== '0') {
      tracing = await compareTracing({
        untraced: service,
        script: serviceEntry,
        nodeArgs: nodeFlags,
        env,
        request: hotPath.generator()(),
        scenario: hotPath.id,
        durationSeconds: settings.durationSeconds,
        connections: settings.connections,
        rounds: settings.rounds,
        log,
      });
    }

    // Logto calls per request of every route (cold and warm), on an instance of its own once the load is over.
    log('counting the Logto calls of every route in openapi.yaml');
    const { LogtoEmulator } = await import('@logto-account-service/logto-emulator');
    const callsEmulator = await LogtoEmulator.start({ host: '127.0.0.1', port: 0 });
    const upstreamCalls = await measureUpstreamCalls(callsEmulator).finally(() => callsEmulator.close());

    for (const server of servers) lifetime[server.name as ServerName].peakRssMiB = Math.max(lifetime[server.name as ServerName].peakRssMiB, server.peakRssMiB());
    await Promise.all(servers.map((server) => server.stop()));

    const targets = checkTargets({
      scenarios: reports,
      expectedCalls: Object.fromEntries(list.map((s) => [s.id, s.expectedUpstreamCallsPerRequest])),
      lifetime,
      startupMs: { service: service.startupMs, baseline: baseline.startupMs },
    });
    const output = {
      date: new Date().toISOString(),
      machine: machineFacts(loadAverageBefore),
      node: process.version,
      settings: { ...settings, nodeOptions, nodeFlags, serviceEntry: relative(root, serviceEntry), profiling, scenarios: list.map((s) => s.id) },
      startupMs: { service: Math.round(service.startupMs), baseline: Math.round(baseline.startupMs) },
      lifetime: {
        service: { ...lifetime.service, peakRssMiB: Number(lifetime.service.peakRssMiB.toFixed(1)) },
        baseline: { ...lifetime.baseline, peakRssMiB: Number(lifetime.baseline.peakRssMiB.toFixed(1)) },
      },
      scenarios: reports.map((r) => ({
        ...r,
        throughputRatio: Number(r.throughputRatio.toFixed(3)),
        cpuRatio: Number(r.cpuRatio.toFixed(3)),
        service: rounded(r.service),
        baseline: rounded(r.baseline),
        fixedRate: r.fixedRate && {
          ...r.fixedRate,
          p99AddedMs: Number(r.fixedRate.p99AddedMs.toFixed(2)),
          service: rounded(r.fixedRate.service),
          baseline: rounded(r.fixedRate.baseline),
        },
        runs: r.runs.map(rounded),
      })),
      targets,
      tracing,
      upstreamCalls,
    };

    process.stdout.write(`\n${table(reports)}\n\n`);
    process.stdout.write(
      `Logto (Management API) calls per request of every route; cold: empty reference cache and the user's account status not cached; warm: both cached (~ = /api/users/:userId):\n${upstreamCallsTable(upstreamCalls)}\n\n`,
    );
    process.stdout.write(
      `start-up to ready: service ${output.startupMs.service} ms, baseline ${output.startupMs.baseline} ms; ` +
        `peak RSS: service ${output.lifetime.service.peakRssMiB} MiB, baseline ${output.lifetime.baseline.peakRssMiB} MiB\n` +
        `service lifetime: ${lifetime.service.tokenRequests} M2M token request(s), ${lifetime.service.jwksFetches} JWKS fetch(es)\n\n`,
    );
    if (tracing) {
      process.stdout.write(
        `tracing (${tracing.scenario}, best runs): off ${tracing.off.requestsPerSecond.toFixed(0)} req/s, p99 ${tracing.off.p99Ms} ms, ` +
          `${tracing.off.cpuUsPerRequest.toFixed(0)} µs CPU/req; on (100% sampled, OTLP/HTTP export) ${tracing.on.requestsPerSecond.toFixed(0)} req/s, ` +
          `p99 ${tracing.on.p99Ms} ms, ${tracing.on.cpuUsPerRequest.toFixed(0)} µs CPU/req; ratio ${tracing.throughputRatio}\n\n`,
      );
    }
    for (const t of targets) process.stdout.write(`${t.met ? 'ok  ' : 'MISS'}  ${t.target}: ${t.value}\n`);
    // Only the load before the run says whether someone else was using the machine: during it, the bench's own
    // three processes (load generator, emulator, server under test) keep the load average near the core count.
    const busiest = loadAverageBefore[0];
    if (busiest > output.machine.cores) {
      process.stdout.write(
        `\nnote: load average ${busiest.toFixed(1)} on ${output.machine.cores} cores: other work shared the machine; ` +
          'trust the ratios and CPU µs per request more than the absolute figures.\n',
      );
    }

    mkdirSync(resultsDir, { recursive: true });
    const partial = profiling || only !== undefined || Boolean(process.env.BENCH_SERVICE_ENTRY) || nodeFlags.length > 0 || process.env.BENCH_NODE_OPTIONS !== undefined;
    const file = join(resultsDir, partial ? 'partial.json.tmp' : 'latest.json');
    writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
    process.stdout.write(`\nwritten: ${file}${partial ? ' (partial or profiled run: latest.json left as it was)' : ''}\n`);

    if (profiling) {
      for (const server of ['service', 'baseline'] as const) {
        const served = reports.flatMap((r) => r.runs).filter((run) => run.server === server).reduce((n, run) => n + run.completed, 0);
        const profiles = readdirSync(profileDir(server))
          .filter((name) => name.endsWith('.cpuprofile'))
          .map((name) => join(profileDir(server), name))
          .filter((path) => statSync(path).mtimeMs >= profileStart);
        for (const path of profiles) {
          const summary = summarizeProfile(path, 30, steadyFromMs[server]);
          const perRequestUs = ((summary.totalMs - summary.idleMs) * 1000) / served;
          process.stdout.write(
            `\nCPU profile of the ${server} after start-up (${served} requests, ${perRequestUs.toFixed(0)} µs of CPU per request): ${path}\n` +
              `${formatSummary(summary, served)}\n`,
          );
        }
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop(2000).catch(() => undefined)));
    await upstream.close(2000);
    killAll();
  }
}

// Bounded: the planned load plus slack for seeding, start-up and the pauses between runs; then everything is killed.
// Scenarios (7, three of them with a fixed-rate pass too, each run after its lead-in) plus the tracing comparison
// (one more start-up and pass), and the per-route Logto call count (60 s).
const plannedSeconds = (7 + 3 + 1) * settings.rounds * 2 * settings.durationSeconds + 3 * settings.rounds * 2 * LEAD_IN_SECONDS + 3 * settings.warmupSeconds + 10 + 60;
const deadlineSeconds = plannedSeconds + 30;
runBounded('bench', main, deadlineSeconds);
