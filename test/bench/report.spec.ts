/** The bench's table (bench/report.ts): the CPU ratio of the full-speed runs and of the fixed-rate comparison. */
import { table, type RunFigures, type ScenarioReport, type ServerName } from '../../bench/report.js';

function run(server: ServerName, load: 'max' | 'fixed', cpuUsPerRequest: number, requestsPerSecond: number): RunFigures {
  return {
    server,
    load,
    offeredRate: load === 'fixed' ? 1000 : undefined,
    durationSeconds: 4,
    completed: requestsPerSecond * 4,
    requestsPerSecond,
    p50Ms: 1,
    p99Ms: server === 'service' ? 12.5 : 11,
    maxMs: 20,
    errors: 0,
    non2xx: 0,
    upstreamCallsPerRequest: 1,
    upstreamConnectionsPer10k: 0,
    cpuUsPerRequest,
    mainThreadCpuUsPerRequest: cpuUsPerRequest * 0.8,
    tokenRequests: 0,
    jwksFetches: 0,
    peakRssMiB: 200,
  };
}

const scenario = (fixedRate: boolean): ScenarioReport => {
  const service = run('service', 'max', 300, 3000);
  const baseline = run('baseline', 'max', 200, 4500);
  return {
    id: 'me-one-token',
    title: 'GET /me, one bearer token',
    service,
    baseline,
    throughputRatio: 3000 / 4500,
    cpuRatio: 200 / 300,
    fixedRate: fixedRate
      ? { offeredRate: 1000, service: run('service', 'fixed', 460, 1000), baseline: run('baseline', 'fixed', 400, 1000), p99AddedMs: 1.5 }
      : undefined,
    runs: [service, baseline],
  };
};

const cells = (line: string) => line.trim().split(/\s{2,}/);

describe('bench table', () => {
  it("gives the service's CPU per request over the baseline's for the full-speed runs and at the fixed rate", () => {
    const lines = table([scenario(true)]).split('\n');
    const full = cells(lines.find((line) => line.startsWith('GET /me, one bearer token')) ?? '');
    expect(full.slice(0, 6)).toEqual(['GET /me, one bearer token', 'service', '300', '1.50', '3000', '0.67']);
    const atRate = cells(lines.find((line) => line.trimStart().startsWith('at 1000 req/s')) ?? '');
    expect(atRate.slice(0, 6)).toEqual(['at 1000 req/s', 'service', '460', '1.15', '1000', '+1.50 ms p99']);
  });

  it('prints no fixed-rate rows for a scenario without a fixed-rate comparison', () => {
    const lines = table([scenario(false)]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.some((line) => line.includes('req/s  service'))).toBe(false);
  });
});
