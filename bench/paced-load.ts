/**
 * Open-loop load at a fixed rate, for comparing latency "at the same offered load".
 *
 * autocannon's `overallRate` is not used for this: it gives each connection a per-second quota that it sends
 * back to back at the start of every second (lib/httpClient.js, `reqsMadeThisSecond`), so the servers see a
 * burst of the whole second's requests and then silence, and the p99 measures that burst's queue. Here request
 * i is due at start + i / rate, whatever happened to earlier ones, and its latency is counted from when it was
 * due, so a server that falls behind pays for the queue it causes (no coordinated omission).
 */
import { Agent, request as httpRequest } from 'node:http';
import type { LoadRequest } from './scenarios.js';

export interface PacedResult {
  /** Responses received, by status class. */
  completed: number;
  non2xx: number;
  errors: number;
  durationSeconds: number;
  /** Milliseconds from the moment each request was due to the end of its response. */
  latenciesMs: Float64Array;
}

export async function pacedLoad(options: {
  url: string;
  rate: number;
  durationSeconds: number;
  maxSockets: number;
  next: () => LoadRequest;
}): Promise<PacedResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const total = Math.max(1, Math.round(options.rate * options.durationSeconds));
  const latencies = new Float64Array(total);
  let completed = 0;
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  let sent = 0;
  const start = performance.now();
  const intervalMs = 1000 / options.rate;

  await new Promise<void>((resolve) => {
    const finish = () => {
      settled += 1;
      if (settled === total) resolve();
    };
    const send = (index: number) => {
      const due = start + index * intervalMs;
      const { method, path, headers, body } = options.next();
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
  agent.destroy();
  return { completed, non2xx, errors, durationSeconds, latenciesMs: latencies.subarray(0, completed) };
}
