/**
 * What tracing costs (issue #12): the service with tracing off (no OTEL_* exporter: the SDK is not loaded) next
 * to the same build with tracing on — 100% sampling, batch export over OTLP/HTTP (protobuf, the SDK's default)
 * to a receiver this process runs on 127.0.0.1 — on the hot path, `GET /me` with one token (the verified-token
 * cache hits; one server span, one Logto client span per request). Runs alternate off/on (ABBA over the
 * benchmark's rounds) and the best run of each is compared, as in run.ts.
 */
import autocannon from 'autocannon';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { latencyFigures } from './report.js';
import { cpuMeter, startServer, type ServerProcess } from './processes.js';
import type { LoadRequest } from './scenarios.js';

export interface TracingRun {
  tracing: 'off' | 'on';
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number;
  non2xx: number;
  errors: number;
}

export interface TracingReport {
  scenario: string;
  off: TracingRun;
  on: TracingRun;
  /** Tracing-on over tracing-off req/s, best runs. */
  throughputRatio: number;
  /** Extra CPU per request with tracing on, µs. */
  cpuUsAddedPerRequest: number;
  /** What the receiver got over the whole comparison (warm-up included). */
  exported: { requests: number; bytes: number };
  runs: TracingRun[];
}

/** Counts what the SDK exports; answers 200 with an empty ExportTraceServiceResponse. */
class CountingReceiver {
  requests = 0;
  bytes = 0;
  private constructor(private readonly server: Server) {}

  static async start(): Promise<CountingReceiver> {
    const server = createServer();
    const receiver = new CountingReceiver(server);
    server.on('request', (request, response) => {
      request.on('data', (chunk: Buffer) => {
        receiver.bytes += chunk.length;
      });
      request.on('end', () => {
        if (request.url === '/v1/traces') receiver.requests += 1;
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface TracingComparisonOptions {
  /** The service already running with tracing off. */
  untraced: ServerProcess;
  script: string;
  nodeArgs: string[];
  env: Record<string, string>;
  request: LoadRequest;
  scenario: string;
  durationSeconds: number;
  connections: number;
  rounds: number;
  log: (message: string) => void;
}

export async function compareTracing(options: TracingComparisonOptions): Promise<TracingReport> {
  const receiver = await CountingReceiver.start();
  let traced: ServerProcess | undefined;
  try {
    traced = await startServer({
      name: 'service (tracing on)',
      script: options.script,
      nodeArgs: options.nodeArgs,
      env: {
        ...options.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_TRACES_SAMPLER: 'always_on',
      },
      readyPath: '/health/ready',
    });
    const servers = { off: options.untraced, on: traced };
    // Warm-up of the traced process (JIT, M2M token, JWKS); the untraced one is warm already.
    await load(traced, 'on', options.request, 1, options.connections);

    const runs: TracingRun[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      for (const tracing of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const run = await load(servers[tracing], tracing, options.request, options.durationSeconds, options.connections);
        runs.push(run);
        options.log(`tracing ${tracing}: ${run.requestsPerSecond.toFixed(0)} req/s, p99 ${run.p99Ms.toFixed(2)} ms, ${run.cpuUsPerRequest.toFixed(0)} µs CPU/req`);
      }
    }
    const bestOf = (tracing: 'off' | 'on') =>
      runs.filter((run) => run.tracing === tracing).reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
    const off = bestOf('off');
    const on = bestOf('on');
    if (receiver.requests === 0) throw new Error('tracing on: the receiver got no export; the comparison would be meaningless');
    return {
      scenario: options.scenario,
      off,
      on,
      throughputRatio: Number((on.requestsPerSecond / off.requestsPerSecond).toFixed(3)),
      cpuUsAddedPerRequest: Math.round(on.cpuUsPerRequest - off.cpuUsPerRequest),
      exported: { requests: receiver.requests, bytes: receiver.bytes },
      runs,
    };
  } finally {
    await traced?.stop(2000).catch(() => undefined);
    await receiver.close();
  }
}

async function load(server: ServerProcess, tracing: 'off' | 'on', request: LoadRequest, durationSeconds: number, connections: number): Promise<TracingRun> {
  const latencies: number[] = [];
  const cpu = cpuMeter(server);
  const instance = autocannon({
    url: server.url,
    connections,
    duration: durationSeconds,
    timeout: 10,
    requests: [{ setupRequest: (r) => ({ ...r, method: request.method, path: request.path, headers: request.headers, body: request.body }) }],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => latencies.push(responseTimeMs));
  const result = await instance;
  await new Promise((resolve) => setTimeout(resolve, 250));
  const { p50Ms, p99Ms } = latencyFigures(Float64Array.from(latencies));
  const round = (n: number) => Number(n.toFixed(2));
  return {
    tracing,
    requestsPerSecond: round(latencies.length / result.duration),
    p50Ms: round(p50Ms),
    p99Ms: round(p99Ms),
    cpuUsPerRequest: round(cpu(latencies.length).cpuUsPerRequest),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
