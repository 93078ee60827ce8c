/**
 * Calibration: the baseline with a known amount of main-thread CPU added to every request (BENCH_ADDED_CPU_US,
 * burnt in an onRequest hook). Run it in place of the service,
 *
 *   BENCH_SERVICE_ENTRY=dist/bench/bench/baseline-plus.js BENCH_ADDED_CPU_US=20 BENCH_SCENARIOS=me-one-token npm run bench
 *
 * and the "service" rows say what `x` µs of work per request does to the bench's ratios: at a fixed offered
 * rate, and at full load, where a server that is busier per request also batches less per event-loop turn.
 * That is the exchange rate between the CPU targets and the µs a feature costs (bench/README.md).
 */
import { createBaseline, serveBaseline } from './baseline-app.js';
import { env } from './baseline-work.js';

const addedCpuUs = Number(env.BENCH_ADDED_CPU_US);
if (!Number.isFinite(addedCpuUs) || addedCpuUs <= 0) {
  process.stderr.write(`baseline-plus: BENCH_ADDED_CPU_US must be a positive number of µs, got "${env.BENCH_ADDED_CPU_US ?? ''}"\n`);
  process.exit(2);
}
await serveBaseline(createBaseline({ addedCpuUs }));
