/** Figures of one load run, the comparison of the service with the baseline, and the targets of issue #10. */

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
  /** The server's CPU time (user + system) over the run, per completed request. */
  cpuUsPerRequest: number;
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
    cpuUsPerRequest: round(run.cpuUsPerRequest, 0),
    peakRssMiB: round(run.peakRssMiB, 1),
  };
}

export function checkTargets(input: {
  scenarios: ScenarioReport[];
  lifetime: Record<ServerName, { tokenRequests: number; jwksFetches: number; peakRssMiB: number }>;
  serviceStartupMs: number;
}): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const scenario = (id: string) => input.scenarios.find((s) => s.id === id);
  const ratio = (id: string, min: number) => {
    const s = scenario(id);
    if (s) checks.push({ target: `${s.title}: throughput ratio >= ${min}`, value: s.throughputRatio.toFixed(2), met: s.throughputRatio >= min });
  };
  ratio('me-one-token', 0.85);
  ratio('me-1000-tokens', 0.8);
  for (const s of input.scenarios) {
    if (s.fixedRate) {
      checks.push({
        target: `${s.title}: p99 added at ${s.fixedRate.offeredRate} req/s <= 2 ms`,
        value: `${s.fixedRate.p99AddedMs.toFixed(2)} ms`,
        met: s.fixedRate.p99AddedMs <= 2,
      });
    }
  }
  for (const id of ['me-one-token', 'me-1000-tokens']) {
    const s = scenario(id);
    if (!s) continue;
    const calls = s.runs.filter((run) => run.server === 'service').map((run) => run.upstreamCallsPerRequest);
    const worst = calls.reduce((a, b) => (Math.abs(b - 1) > Math.abs(a - 1) ? b : a), 1);
    checks.push({ target: `${s.title}: 1 upstream call per request`, value: worst.toFixed(3), met: Math.abs(worst - 1) < 0.01 });
  }
  const life = input.lifetime.service;
  checks.push({ target: 'exactly 1 M2M token request over the service lifetime', value: String(life.tokenRequests), met: life.tokenRequests === 1 });
  checks.push({ target: 'exactly 1 JWKS fetch over the service lifetime', value: String(life.jwksFetches), met: life.jwksFetches === 1 });
  checks.push({ target: 'service peak RSS <= 150 MiB', value: `${life.peakRssMiB.toFixed(1)} MiB`, met: life.peakRssMiB <= 150 });
  checks.push({ target: 'start-up to /health/ready 200 <= 1.5 s', value: `${Math.round(input.serviceStartupMs)} ms`, met: input.serviceStartupMs <= 1500 });
  return checks;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
}

export function table(scenarios: ScenarioReport[]): string {
  const header = ['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'err', 'non2xx', 'up/req', 'tok', 'jwks', 'CPU µs/req', 'RSS MiB', 'ratio'];
  const rows: string[][] = [];
  const row = (title: string, label: string, run: RunFigures, ratio: string) => [
    title,
    label,
    run.requestsPerSecond.toFixed(0),
    run.p50Ms.toFixed(2),
    run.p99Ms.toFixed(2),
    run.maxMs.toFixed(1),
    String(run.errors),
    String(run.non2xx),
    run.upstreamCallsPerRequest.toFixed(3),
    String(run.tokenRequests),
    String(run.jwksFetches),
    run.cpuUsPerRequest.toFixed(0),
    run.peakRssMiB.toFixed(1),
    ratio,
  ];
  for (const s of scenarios) {
    rows.push(row(s.title, 'service', s.service, `${s.throughputRatio.toFixed(2)} req/s`));
    rows.push(row('', 'baseline', s.baseline, `${s.cpuRatio.toFixed(2)} CPU`));
    if (s.fixedRate) {
      const f = s.fixedRate;
      rows.push(row(`  at ${f.offeredRate} req/s`, 'service', f.service, `${f.p99AddedMs >= 0 ? '+' : ''}${f.p99AddedMs.toFixed(2)} ms p99`));
      rows.push(row('', 'baseline', f.baseline, ''));
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => pad(r, widths))].join('\n');
}
