/** Figures of one load run, the comparison of the service with the baseline, and the targets (issues #10, #20). */

export type ServerName = 'service' | 'baseline';

export interface RunFigures {
  server: ServerName;
  /** `max`: 16 connections as fast as the server answers; `fixed`: open-loop at `offeredRate` req/s. */
  load: 'max' | 'fixed';
  offeredRate?: number;
  durationSeconds: number;
  completed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
  upstreamCallsPerRequest: number;
  /** TCP connections the server opened to Logto (the emulator accepted), per 10,000 requests: keep-alive reuse. */
  upstreamConnectionsPer10k: number;
  /** The server's CPU time (user + system) over the run, per completed request. */
  cpuUsPerRequest: number;
  /** The part of cpuUsPerRequest on the main thread; the rest is V8's and libuv's other threads (GC, compilers). */
  mainThreadCpuUsPerRequest: number;
  tokenRequests: number;
  jwksFetches: number;
  /** The server's VmHWM at the end of the run (peak since it started). */
  peakRssMiB: number;
}

export interface ScenarioReport {
  id: string;
  title: string;
  service: RunFigures;
  baseline: RunFigures;
  /** Service req/s over baseline req/s, best runs. */
  throughputRatio: number;
  /** Baseline CPU per request over the service's, best runs: the throughput ratio if CPU were the only limit. */
  cpuRatio: number;
  fixedRate?: { offeredRate: number; service: RunFigures; baseline: RunFigures; p99AddedMs: number };
  runs: RunFigures[];
}

export interface TargetCheck {
  target: string;
  value: string;
  met: boolean;
}

/** Percentile by nearest rank of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function latencyFigures(latenciesMs: Float64Array): { p50Ms: number; p99Ms: number; maxMs: number } {
  const sorted = Float64Array.from(latenciesMs).sort();
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.length ? sorted[sorted.length - 1] : Number.NaN };
}

/** The best run of a server (highest throughput): on a shared machine, slower runs are mostly someone else's load. */
export function best(runs: RunFigures[], server: ServerName): RunFigures {
  const own = runs.filter((run) => run.server === server && run.load === 'max');
  return own.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
}

/** The fixed-rate run of a server with the lowest p99 (same reasoning as `best`). */
export function lowestP99(runs: RunFigures[], server: ServerName): RunFigures {
  const own = runs.filter((run) => run.server === server && run.load === 'fixed');
  return own.reduce((a, b) => (b.p99Ms < a.p99Ms ? b : a));
}

const round = (n: number, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);

export function rounded(run: RunFigures): RunFigures {
  return {
    ...run,
    durationSeconds: round(run.durationSeconds),
    requestsPerSecond: round(run.requestsPerSecond, 0),
    p50Ms: round(run.p50Ms),
    p99Ms: round(run.p99Ms),
    maxMs: round(run.maxMs),
    upstreamCallsPerRequest: round(run.upstreamCallsPerRequest, 3),
    upstreamConnectionsPer10k: round(run.upstreamConnectionsPer10k, 1),
    cpuUsPerRequest: round(run.cpuUsPerRequest, 0),
    mainThreadCpuUsPerRequest: round(run.mainThreadCpuUsPerRequest, 0),
    peakRssMiB: round(run.peakRssMiB, 1),
  };
}

export interface ServerTotals {
  tokenRequests: number;
  jwksFetches: number;
  peakRssMiB: number;
}

/** The targets of issue #20, the primary one (GET /me CPU per request against the baseline's) first. */
export function checkTargets(input: {
  scenarios: ScenarioReport[];
  expectedCalls: Record<string, number>;
  lifetime: Record<ServerName, ServerTotals>;
  startupMs: Record<ServerName, number>;
}): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const scenario = (id: string) => input.scenarios.find((s) => s.id === id);
  const oneToken = scenario('me-one-token');
  if (oneToken) {
    const cpu = oneToken.service.cpuUsPerRequest / oneToken.baseline.cpuUsPerRequest;
    checks.push({
      target: `${oneToken.title}: CPU per request <= 1.15 x the baseline's`,
      value: `${cpu.toFixed(2)} x (${oneToken.service.cpuUsPerRequest.toFixed(0)} vs ${oneToken.baseline.cpuUsPerRequest.toFixed(0)} µs)`,
      met: cpu <= 1.15,
    });
  }
  for (const id of ['me-one-token', 'me-1000-tokens']) {
    const s = scenario(id);
    if (s) checks.push({ target: `${s.title}: throughput ratio >= 0.85`, value: s.throughputRatio.toFixed(2), met: s.throughputRatio >= 0.85 });
  }
  for (const s of input.scenarios) {
    if (s.fixedRate) {
      checks.push({
        target: `${s.title}: p99 added at ${s.fixedRate.offeredRate} req/s <= 2 ms`,
        value: `${s.fixedRate.p99AddedMs.toFixed(2)} ms`,
        met: s.fixedRate.p99AddedMs <= 2,
      });
    }
  }
  for (const s of input.scenarios) {
    const expected = input.expectedCalls[s.id];
    if (expected === undefined) continue;
    const calls = s.runs.filter((run) => run.server === 'service').map((run) => run.upstreamCallsPerRequest);
    const worst = calls.reduce((a, b) => (Math.abs(b - expected) > Math.abs(a - expected) ? b : a), expected);
    checks.push({ target: `${s.title}: ${expected} upstream call(s) per request`, value: worst.toFixed(3), met: Math.abs(worst - expected) < 0.01 });
  }
  const life = input.lifetime.service;
  const rss = life.peakRssMiB / input.lifetime.baseline.peakRssMiB;
  const startup = input.startupMs.service / input.startupMs.baseline;
  checks.push({ target: 'exactly 1 M2M token request over the service lifetime', value: String(life.tokenRequests), met: life.tokenRequests === 1 });
  checks.push({ target: 'exactly 1 JWKS fetch over the service lifetime', value: String(life.jwksFetches), met: life.jwksFetches === 1 });
  checks.push({
    target: "service peak RSS <= 1.25 x the baseline's",
    value: `${rss.toFixed(2)} x (${life.peakRssMiB.toFixed(1)} vs ${input.lifetime.baseline.peakRssMiB.toFixed(1)} MiB)`,
    met: rss <= 1.25,
  });
  checks.push({
    target: "start-up to ready <= 1.5 x the baseline's",
    value: `${startup.toFixed(2)} x (${Math.round(input.startupMs.service)} vs ${Math.round(input.startupMs.baseline)} ms)`,
    met: startup <= 1.5,
  });
  return checks;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

export function table(scenarios: ScenarioReport[]): string {
  const header = ['scenario', 'server', 'CPU µs/req', 'CPU x', 'req/s', 'ratio', 'p50 ms', 'p99 ms', 'max ms', 'err', 'non2xx', 'up/req', 'conn/10k', 'tok', 'jwks', 'RSS MiB'];
  const rows: string[][] = [];
  const row = (title: string, label: string, run: RunFigures, cpu: string, ratio: string) => [
    title,
    label,
    run.cpuUsPerRequest.toFixed(0),
    cpu,
    run.requestsPerSecond.toFixed(0),
    ratio,
    run.p50Ms.toFixed(2),
    run.p99Ms.toFixed(2),
    run.maxMs.toFixed(1),
    String(run.errors),
    String(run.non2xx),
    run.upstreamCallsPerRequest.toFixed(3),
    run.upstreamConnectionsPer10k.toFixed(1),
    String(run.tokenRequests),
    String(run.jwksFetches),
    run.peakRssMiB.toFixed(1),
  ];
  for (const s of scenarios) {
    rows.push(row(s.title, 'service', s.service, (s.service.cpuUsPerRequest / s.baseline.cpuUsPerRequest).toFixed(2), s.throughputRatio.toFixed(2)));
    rows.push(row('', 'baseline', s.baseline, '', ''));
    if (s.fixedRate) {
      const f = s.fixedRate;
      const cpuAtRate = (f.service.cpuUsPerRequest / f.baseline.cpuUsPerRequest).toFixed(2);
      rows.push(row(`  at ${f.offeredRate} req/s`, 'service', f.service, cpuAtRate, `${f.p99AddedMs >= 0 ? '+' : ''}${f.p99AddedMs.toFixed(2)} ms p99`));
      rows.push(row('', 'baseline', f.baseline, '', ''));
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths))].join('\n');
}
