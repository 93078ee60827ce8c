import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { LogtoEmulator, type LogtoEmulatorOptions } from '@logto-account-service/logto-emulator';
import { startEmulatorApp, type EmulatorAppOptions, type RunningEmulatorApp, type TestApp } from './test-app.js';

/** A throwaway redis-server on 127.0.0.1, for the multi-instance tests. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL, as a crash would: no goodbye to clients. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty, as persistence is off). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 5000;

/**
 * Starts redis-server on a free port with persistence off. Fails with a clear message when redis-server is
 * not installed: these suites must not skip silently (.ci/run installs Debian's `redis-server`).
 */
export async function startRedisServer(): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'redis-server is not installed, and the multi-instance (Redis) tests need it. ' +
        'Install it (Debian/Ubuntu: `apt-get install -y redis-server`; .ci/run does this) and run `npm test` again.',
    );
  }
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: async () => {
      await terminate(child, 'SIGKILL');
    },
    restart: async () => {
      await terminate(child, 'SIGKILL');
      child = await launch(port);
    },
    stop: async () => {
      await terminate(child, 'SIGTERM');
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} on port ${port}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not accept connections on port ${port} within ${START_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return child;
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Service instances behind one Redis and one emulator, as behind a load balancer. */
export interface RedisInstances {
  readonly redis: RedisServer;
  /** The emulator every instance runs against unless `instances` is given another. */
  readonly emu: LogtoEmulator;
  /**
   * `count` instances (two unless told) sharing the Redis, with `REDIS_URL` set and a key prefix of their own,
   * fresh per call so that each test starts from an empty shared state (`env.KEY_PREFIX` overrides it). They are
   * closed after the enclosing describe block.
   */
  instances(options?: Omit<EmulatorAppOptions, 'emulatorOptions'> & { count?: number }): Promise<TestApp[]>;
  /** One more emulator (e.g. another M2M secret), closed after the block. */
  emulator(options?: LogtoEmulatorOptions): Promise<LogtoEmulator>;
}

/**
 * Starts a redis-server and an emulator before the tests of the enclosing describe block, and closes every instance,
 * emulator and the server after them: each close runs even when another fails (an open one would keep jest from
 * exiting), and the first failure is still reported.
 */
export function useRedisInstances(
  options: {
    /** Environment of every instance, under the per-call `env`. */
    env?: Record<string, string>;
    emulatorOptions?: LogtoEmulatorOptions;
    /** The emulator of another harness of the block (e.g. `() => h.emu`), instead of one of its own. */
    emulator?: () => LogtoEmulator;
  } = {},
): RedisInstances {
  let redis: RedisServer | undefined;
  let emu: LogtoEmulator | undefined;
  const started: RunningEmulatorApp[] = [];
  const emulators: LogtoEmulator[] = [];
  let prefixes = 0;
  beforeAll(async () => {
    redis = await startRedisServer();
    if (!options.emulator) emu = await LogtoEmulator.start(options.emulatorOptions);
  });
  afterAll(async () => {
    const closed = await Promise.allSettled(started.map((app) => app.close()));
    const rest = await Promise.allSettled([emu?.close(), ...emulators.map((other) => other.close()), redis?.stop()]);
    const failure = [...closed, ...rest].find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
  });
  const running = <T>(name: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`useRedisInstances: ${name} exists only inside hooks and tests, once beforeAll has started it`);
    return value;
  };
  const currentEmu = (): LogtoEmulator => options.emulator?.() ?? running('emu', emu);
  return {
    get redis() {
      return running('redis', redis);
    },
    get emu() {
      return currentEmu();
    },
    async instances({ count = 2, env, emulator, ...rest } = {}) {
      const shared = { ...options.env, REDIS_URL: running('redis', redis).url, KEY_PREFIX: `i${++prefixes}:`, ...env };
      const apps: TestApp[] = [];
      for (let i = 0; i < count; i++) {
        const app = await startEmulatorApp({ ...rest, emulator: emulator ?? currentEmu(), env: shared });
        started.push(app);
        apps.push(app.t);
      }
      return apps;
    },
    async emulator(emulatorOptions) {
      const other = await LogtoEmulator.start(emulatorOptions);
      emulators.push(other);
      return other;
    },
  };
}
