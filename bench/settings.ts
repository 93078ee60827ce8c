/** What the benchmark and the soak both read: the repository root, numeric settings, the image's NODE_OPTIONS. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'bench'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the repository root');
    dir = parent;
  }
  return dir;
}

/** The repository root (this file runs from dist/bench/bench). */
export const repoRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A positive number from the environment, or `fallback` when the variable is unset or empty. */
export function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/**
 * The NODE_OPTIONS the Docker image runs the service with (the Dockerfile's `ENV NODE_OPTIONS="..."` line),
 * unless `override` (BENCH_NODE_OPTIONS, SOAK_NODE_OPTIONS) is set, even to an empty string.
 */
export function imageNodeOptions(override: string | undefined): string {
  if (override !== undefined) return override;
  const dockerfile = join(repoRoot, 'Dockerfile');
  const match = /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(readFileSync(dockerfile, 'utf8'));
  if (!match) throw new Error(`${dockerfile} sets no NODE_OPTIONS (ENV NODE_OPTIONS="..."); set BENCH_NODE_OPTIONS instead`);
  return match[1];
}

/**
 * The environment every harness gives the service it measures (bench, soak, idempotency-memory, the per-route
 * call count): production mode against the emulator, the demo's custom data schema, and the rate limits
 * counted (their cost is part of the figures) but out of reach of the load. `extra` adds or replaces variables.
 */
export function serviceEnv(upstream: { endpoint: string; m2mAppId: string; m2mAppSecret: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    LOGTO_ENDPOINT: upstream.endpoint,
    LOGTO_AUDIENCE: BENCH_AUDIENCE,
    LOGTO_M2M_APP_ID: upstream.m2mAppId,
    LOGTO_M2M_APP_SECRET: upstream.m2mAppSecret,
    CUSTOM_DATA_SCHEMA: join(repoRoot, 'demo', 'custom-data.schema.json'),
    RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
    ...extra,
  };
}

/** The API resource (audience) of the users' access tokens the harnesses mint. */
export const BENCH_AUDIENCE = 'https://account.example.test';

/** The machine a run measured, for its results file: what the figures depend on, and how busy it was. */
export function machineFacts(loadAverageBefore: number[]) {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    os: `${platform()} ${release()}`,
    loadAverageBefore: loadAverageBefore.map((n) => Number(n.toFixed(2))),
    loadAverageAfter: loadavg().map((n) => Number(n.toFixed(2))),
  };
}

