/**
 * The servers under test run as child processes on 127.0.0.1, so each has its own event loop and heap, and
 * its memory can be read from /proc; so does the Logto emulator they call (upstream.ts). Every child started
 * here is killed when the benchmark ends, fails or runs past its deadline (`killAll`).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorCounters } from '@logto-account-service/logto-emulator';
import type { Fixture } from './scenarios.js';
import type { UpstreamMessage, UpstreamReady, UpstreamRequest, UpstreamSeed } from './upstream.js';

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** performance.now() when it was spawned. */
  spawnedAt: number;
  /** Spawn to the first 200 from the readiness URL. */
  startupMs: number;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  /**
   * The same for its main thread alone, in ms. The rest of cpuMs() is other threads: V8's (parallel scavenges,
   * concurrent marking and sweeping, optimizing compilers), libuv's pool. A CPU profile sees the main thread only.
   */
  mainThreadCpuMs(): number;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const children = new Set<ChildProcess>();
/** Stops a server whose bench process died without killing it (see orphan-watchdog.ts). */
const WATCHDOG = new URL('./orphan-watchdog.js', import.meta.url).href;

/** A free TCP port on 127.0.0.1 (asked from the kernel, released, then given to the child). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartOptions {
  name: string;
  /** Node arguments before the script (e.g. --cpu-prof). */
  nodeArgs?: string[];
  script: string;
  env: Record<string, string>;
  /** Path polled until it answers 200. */
  readyPath: string;
  /** Where stdout goes (default /dev/null): the server's log lines. */
  stdoutFile?: string;
  timeoutMs?: number;
}

/**
 * Puts a child in the set `killAll` kills until it exits, and keeps the start of its stderr (16 KiB) for the
 * error message if it fails.
 */
function track(child: ChildProcess): { output: () => string; exited: Promise<void> } {
  children.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 16_384) stderr += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => children.delete(child));
  return { output: () => stderr, exited };
}

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const env = { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...options.env };
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', WATCHDOG, ...(options.nodeArgs ?? []), options.script], {
    env,
    stdio: ['ignore', openSync(options.stdoutFile ?? '/dev/null', 'w'), 'pipe'],
  });
  const { output, exited } = track(child);

  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${options.name} exited during start-up (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} was not ready within ${options.timeoutMs ?? 15_000} ms:\n${output()}`);
    }
    const status = await fetch(`${url}${options.readyPath}`, { signal: AbortSignal.timeout(1000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startupMs = performance.now() - started;

  return {
    name: options.name,
    url,
    child,
    spawnedAt: started,
    startupMs,
    peakRssMiB: () => readPeakRssMiB(child.pid),
    cpuMs: () => readCpuMs(child.pid),
    mainThreadCpuMs: () => readCpuMs(child.pid, child.pid),
    async stop(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Upstream {
  endpoint: string;
  m2mAppId: string;
  m2mAppSecret: string;
  fixture: Fixture;
  resetCounters(): Promise<void>;
  /** What the emulator has counted since the last reset, `byRoute` included. */
  counters(): Promise<EmulatorCounters>;
  /** Closes the IPC channel (the child then closes the emulator and exits), SIGKILL after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/**
 * The Logto emulator, seeded, in a child process of its own (upstream.ts). It runs under this process's Node
 * but without the NODE_OPTIONS given to the servers: it is harness, not the deployment being measured.
 */
export async function startUpstream(seed: UpstreamSeed, timeoutMs = 60_000): Promise<Upstream> {
  const child = fork(join(dirname(fileURLToPath(import.meta.url)), 'upstream.js'), [JSON.stringify(seed)], {
    execPath: process.execPath,
    execArgv: [],
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const { output, exited } = track(child);

  // 'close' rather than 'exit': by then stderr has been read to the end, for the error message.
  const closed = new Promise<Error>((resolve) => {
    child.once('close', (code, signal) => resolve(new Error(`upstream (Logto emulator) exited (${code ?? signal}):\n${output()}`)));
    child.on('error', resolve);
  });
  let gone: Error | undefined;
  const pending = new Map<number, { resolve: (counters: EmulatorCounters) => void; reject: (error: Error) => void }>();
  const fail = (error: Error) => {
    gone ??= error;
    for (const request of pending.values()) request.reject(gone);
    pending.clear();
  };
  void closed.then(fail);

  const ready = await new Promise<UpstreamReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`upstream (Logto emulator) was not ready within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.on('message', (message: UpstreamMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else {
        pending.get(message.id)?.resolve(message.counters);
        pending.delete(message.id);
      }
    });
    void closed.then((error) => {
      clearTimeout(timer);
      reject(error);
    });
  });

  let nextId = 0;
  const ask = (type: UpstreamRequest['type']) =>
    new Promise<EmulatorCounters>((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, type } satisfies UpstreamRequest, (error) => {
        if (error) fail(error);
      });
    });

  return {
    endpoint: ready.endpoint,
    m2mAppId: ready.m2mAppId,
    m2mAppSecret: ready.m2mAppSecret,
    fixture: ready.fixture,
    async resetCounters() {
      await ask('reset-counters');
    },
    counters: () => ask('read-counters'),
    async close(graceMs = 5000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** VmHWM of /proc/<pid>/status: the highest resident set size the process has had (Linux). */
export function readPeakRssMiB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * utime + stime of /proc/<pid>/stat, or of one thread's /proc/<pid>/task/<tid>/stat. On a machine shared with
 * other work, CPU time per request is the figure least disturbed by the neighbours: they take turns on the cores,
 * but not the work a request costs.
 */
export function readCpuMs(pid: number | undefined, tid?: number): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return Number.NaN;
  }
}

/** CPU per request from now on, for the process and its main thread: call the result with the requests served since. */
export function cpuMeter(server: Pick<ServerProcess, 'cpuMs' | 'mainThreadCpuMs'>): (requests: number) => { cpuUsPerRequest: number; mainThreadCpuUsPerRequest: number } {
  const cpuBefore = server.cpuMs();
  const mainThreadBefore = server.mainThreadCpuMs();
  return (requests) => ({
    cpuUsPerRequest: ((server.cpuMs() - cpuBefore) * 1000) / requests,
    mainThreadCpuUsPerRequest: ((server.mainThreadCpuMs() - mainThreadBefore) * 1000) / requests,
  });
}

/** Last resort (deadline, error, signal): SIGKILL every child still running. Synchronous on purpose. */
export function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

/**
 * Runs a benchmark entry point bounded in time: past the deadline, on SIGINT/SIGTERM, on failure and at exit,
 * every child server is killed, so nothing outlives the run.
 */
export function runBounded(name: string, main: () => Promise<void>, deadlineSeconds: number): void {
  const deadline = setTimeout(() => {
    process.stderr.write(`${name}: deadline of ${deadlineSeconds} s passed; killing the servers\n`);
    killAll();
    process.exit(2);
  }, deadlineSeconds * 1000);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(130);
    });
  }
  process.once('exit', killAll);
  main().then(
    () => {
      clearTimeout(deadline);
      process.exit(process.exitCode ?? 0);
    },
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      killAll();
      process.exit(1);
    },
  );
}
