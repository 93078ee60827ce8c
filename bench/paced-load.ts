/**
 * Open-loop load at a fixed rate, for comparing latency "at the same offered load".
 *
 * autocannon's `overallRate` is not used for this: it gives each connection a per-second quota that it sends
 * back to back at the start of every second (lib/httpClient.js, `reqsMadeThisSecond`), so the servers see a
 * burst of the whole second's requests and then silence, and the p99 measures that burst's queue. Here request
 * i is due at start + i / rate, whatever happened to earlier ones, and its latency is counted from when it was
 * due, so a server that falls behind pays for the queue it causes (no coordinated omission).
 *
 * The connections are opened before the measured window, by a lead-in of LEAD_IN_SECONDS at the same rate on
 * the same agent whose answers are read but not counted. Without it, the worst latencies of a run clustered in
 * its first ~200 ms, while the agent was opening its keep-alive sockets (TCP handshakes, the first requests on
 * each socket, the load generator's own first-use costs): a cost of the harness, not of either server, and one
 * that a p99 over a few seconds picks up.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { LoadRequest } from './scenarios.js';

export const LEAD_IN_SECONDS = 1;

export interface PacedResult {
  /** Responses received, by status class. */
  completed: number;
  non2xx: number;
  errors: number;
  durationSeconds: number;
  /** Milliseconds from the moment each request was due to the end of its response. */
  latenciesMs: Float64Array;
}

export interface PacedLoad {
  /** The measured run: `durationSeconds` at the rate, on the sockets the lead-in opened. */
  run(durationSeconds: number): Promise<PacedResult>;
  close(): void;
}

/** Opens the connections (the lead-in has run and every answer of it has arrived), ready for `run`. */
export async function openPacedLoad(options: { url: string; rate: number; maxSockets: number; next: () => LoadRequest }): Promise<PacedLoad> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const pace = (durationSeconds: number) => paced(agent, target, options.rate, durationSeconds, options.next);
  // Errors and timeouts are counted, never thrown: a server that fails the lead-in fails the measured run too.
  await pace(LEAD_IN_SECONDS);
  return { run: pace, close: () => agent.destroy() };
}

async function paced(agent: Agent, target: URL, rate: number, seconds: number, next: () => LoadRequest): Promise<PacedResult> {
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies = new Float64Array(total);
  let completed = 0;
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let sent = 0;
  const start = performance.now();
  const intervalMs = 1000 / rate;

  await new Promise<void>((resolve) => {
    const finish = () => {
      settled += 1;
      if (settled === total) resolve();
    };
    const send = (index: number) => {
      const due = start + index * intervalMs;
      const { method, path, headers, body } = next();
      const req = httpRequest(
        { agent, host: target.hostname, port: target.port, method, path, headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers },
        (res) => {
          res.resume();
          res.once('end', () => {
            latencies[completed] = performance.now() - due;
            completed += 1;
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx += 1;
            finish();
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.once('error', () => {
        errors += 1;
        finish();
      });
      req.end(body);
    };
    const tick = () => {
      const dueNow = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
      while (sent < dueNow) send(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    tick();
  });

  const durationSeconds = (performance.now() - start) / 1000;
  return { completed, non2xx, errors, durationSeconds, latenciesMs: latencies.subarray(0, completed) };
}
