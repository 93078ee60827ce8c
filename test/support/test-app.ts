import { RequestMethod, type ModuleMetadata } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.factory.js';
import { Clock, SystemClock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { LogtoEmulator, type LogtoEmulatorOptions } from '@logto-account-service/logto-emulator';

export const TEST_AUDIENCE = 'https://account.example.test';

/** A running instance of the service, driven through Fastify's `inject`, with everything it logged. */
export interface TestApp {
  app: NestFastifyApplication;
  inject: NestFastifyApplication['inject'];
  /** Everything logged so far, one JSON line per entry. */
  logs(): string;
  logLines(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The environment a test instance runs with: the emulator's settings, or an address where nothing listens. */
export function testEnv(emulator?: LogtoEmulator, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOGTO_ENDPOINT: emulator?.endpoint ?? 'http://127.0.0.1:1',
    LOGTO_AUDIENCE: TEST_AUDIENCE,
    LOGTO_M2M_APP_ID: emulator?.m2mAppId ?? 'test-m2m-app',
    LOGTO_M2M_APP_SECRET: emulator?.m2mAppSecret ?? 'test-m2m-secret',
    LOGTO_TIMEOUT_MS: '2000',
    ...env,
  };
}

/**
 * The one way to start the service against the emulator in a test. Four entry points share this one options type
 * and one implementation (`startEmulatorApp`):
 * - `useEmulatorApp(options)`: started before the tests of the enclosing describe block, closed after them;
 * - `withEmulatorApp(options, body)`: around one body, closed whatever happens;
 * - `startEmulatorApp(options)`: for harnesses that hold it across hooks (call `close()`);
 * - `useRedisInstances()` (test/support/redis-server.ts): several instances behind one Redis and one emulator.
 * Step-up helpers (`verifyByPassword`, `verifyByCode`, `grantStepUp`, `auth`) are in ./step-up.ts, re-exported here.
 */
export interface EmulatorAppOptions<C extends Clock = Clock> {
  /**
   * An emulator the caller owns and closes (several apps against one Logto), or `null` for no emulator at all
   * (Logto's address is then one where nothing listens). Without it, a fresh emulator is started with
   * `emulatorOptions` and closed with the app.
   */
  emulator?: LogtoEmulator | null;
  /** For `LogtoEmulator.start`, e.g. `now: () => clock.now()` to run the emulator on the app's ManualClock. */
  emulatorOptions?: LogtoEmulatorOptions;
  env?: Record<string, string>;
  imports?: ModuleMetadata['imports'];
  /** The app's time source; a SystemClock unless given (pass a ManualClock to move time instead of sleeping). */
  clock?: C;
  /**
   * Sends a readiness probe and one authenticated request before returning, their answers ignored, so that the
   * first request of a test does not pay the cold start (M2M token, JWKS fetch, first use of every code path)
   * within LOGTO_TIMEOUT_MS: under heavy machine load that first request could time out and answer 503. Leaves
   * the emulator's request counters moved, so not for tests that count cold-start requests.
   */
  warmUp?: boolean;
}

/** An app against the emulator, with its clock and a way to mint tokens on that clock. */
export interface EmulatorApp<C extends Clock = Clock> {
  /** The emulator the app runs against (throws for an app started with `emulator: null`). */
  readonly emu: LogtoEmulator;
  readonly t: TestApp;
  readonly clock: C;
  /**
   * A user access token for the app's audience, issued at the app's clock time and valid a day (so moving a
   * ManualClock by hours keeps it valid); read and write scopes unless told otherwise.
   */
  token(userId: string, options?: { ttlSeconds?: number; scopes?: string[] }): Promise<string>;
}

export interface RunningEmulatorApp<C extends Clock = Clock> extends EmulatorApp<C> {
  /** Closes the app, then the emulator if this harness started it, also when the app's close throws. */
  close(): Promise<void>;
}

/**
 * Starts an app (and, unless given one or told none, an emulator) and returns both. When the app fails to
 * start, an emulator started here is closed before the error is passed on: its open server would keep jest
 * from exiting.
 */
export async function startEmulatorApp<C extends Clock = Clock>(options: EmulatorAppOptions<C> = {}): Promise<RunningEmulatorApp<C>> {
  const { emulatorOptions, emulator, env, imports } = options;
  const clock = (options.clock ?? new SystemClock()) as C;
  const owned = emulator === undefined ? await LogtoEmulator.start(emulatorOptions) : undefined;
  const emu = owned ?? emulator ?? undefined;
  let t: TestApp;
  try {
    t = await startApp(loadConfig(testEnv(emu, env)), imports, clock);
  } catch (error) {
    return rethrowAfter(error, async () => owned?.close());
  }
  const withEmulator = (): LogtoEmulator => {
    if (emu === undefined) throw new Error('startEmulatorApp: this app was started with `emulator: null`');
    return emu;
  };
  if (options.warmUp) await warmUp(t, withEmulator(), clock);
  return {
    get emu() {
      return withEmulator();
    },
    t,
    clock,
    token: (userId, tokenOptions = {}) => tokenOnClock(withEmulator(), userId, clock, { ttlSeconds: 86_400, ...tokenOptions }),
    close: async () => {
      try {
        await t.close();
      } finally {
        await owned?.close();
      }
    },
  };
}

async function warmUp(t: TestApp, emu: LogtoEmulator, clock: Clock): Promise<void> {
  await t.inject({ method: 'GET', url: '/health/ready' });
  // A user Logto does not know: the token is verified (JWKS) and the Management API asked, nothing is changed.
  const token = await tokenOnClock(emu, 'warm-up-unknown-user', clock);
  await t.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}` } });
}

async function startApp(config: ReturnType<typeof loadConfig>, imports: ModuleMetadata['imports'], clock: Clock): Promise<TestApp> {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const { app } = await createApp(config, {
    logDestination: destination as unknown as NodeJS.WritableStream & { write(msg: string): void },
    imports,
    clock,
  });
  return {
    app,
    inject: app.inject.bind(app),
    logs: () => chunks.join(''),
    logLines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    close: () => app.close(),
  };
}

/**
 * Runs `body` against a fresh emulator and an app against it, and closes both whatever happens: the call fails
 * with the app's start error or the body's own error, or else with an error of the close.
 */
export async function withEmulatorApp<T, C extends Clock = Clock>(options: EmulatorAppOptions<C>, body: (started: EmulatorApp<C>) => Promise<T>): Promise<T> {
  const started = await startEmulatorApp(options);
  let result: T;
  try {
    result = await body(started);
  } catch (error) {
    return rethrowAfter(error, started.close);
  }
  await started.close();
  return result;
}

/**
 * Closes what a failure left open and throws the failure: a close that fails after it is most often its
 * consequence, and reporting that instead would hide the cause.
 */
async function rethrowAfter(error: unknown, close: () => Promise<void>): Promise<never> {
  await close().catch(() => undefined);
  throw error;
}

/**
 * Starts an emulator and an app against it before the tests of the enclosing describe block, and closes both after
 * them; the emulator is closed even when the app failed to start or to close. Both exist only inside the hooks and
 * tests of the block. Hooks the caller declares after this call run after the start (beforeAll) and after the close
 * (afterAll), since jest runs hooks in declaration order.
 */
export function useEmulatorApp<C extends Clock = Clock>(options: EmulatorAppOptions<C> = {}): EmulatorApp<C> {
  let running: RunningEmulatorApp<C> | undefined;
  beforeAll(async () => {
    running = await startEmulatorApp(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  const started = (name: string): RunningEmulatorApp<C> => {
    if (running === undefined) throw new Error(`useEmulatorApp: ${name} exists only inside hooks and tests, once beforeAll has started it`);
    return running;
  };
  return {
    get emu() {
      return started('emu').emu;
    },
    get t() {
      return started('t').t;
    },
    get clock() {
      return started('clock').clock;
    },
    token: (userId, tokenOptions) => started('token').token(userId, tokenOptions),
  };
}

/** The RFC 9457 members every problem response carries. */
export function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = response.json() as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: expect.stringContaining(code), title: expect.any(String), detail: expect.any(String) });
  expect(body.instance).toEqual(expect.stringMatching(/^\//));
  expect(body.requestId).toBe(response.headers['x-request-id']);
  return body;
}

export const READ_WRITE_SCOPES = ['account:read', 'account:write'];

/** A user access token for the test app's audience, with read and write scopes unless told otherwise. */
export function tokenFor(emulator: LogtoEmulator, userId: string, scopes: string[] = READ_WRITE_SCOPES): Promise<string> {
  return emulator.mintUserToken({ sub: userId, scopes, audience: TEST_AUDIENCE });
}

/**
 * A user access token issued at `clock`'s time, for an app on a ManualClock: the emulator signs on real time
 * unless told otherwise, the app's clock may lag behind it (it is set when the test file loads), and the
 * service refuses an `iat` ahead of its clock.
 */
export function tokenOnClock(
  emulator: LogtoEmulator,
  userId: string,
  clock: Clock,
  options: { ttlSeconds?: number; scopes?: string[] } = {},
): Promise<string> {
  const iat = Math.floor(clock.now() / 1000);
  const claims = { iat, exp: iat + (options.ttlSeconds ?? 3600) };
  return emulator.mintUserToken({ sub: userId, scopes: options.scopes ?? READ_WRITE_SCOPES, audience: TEST_AUDIENCE, claims });
}

/** `{ authorization: 'Bearer …' }` plus any extra headers. */
export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

/** The audit lines of one event (optionally of one user), as logged. */
export function auditLines(t: TestApp, event: string, userId?: string): Array<Record<string, unknown>> {
  return t.logLines().filter((line) => line.audit === true && line.event === event && (userId === undefined || line.userId === userId));
}

/** A Management API token of the emulated tenant, as an admin's tool or another app of the tenant would hold. */
export async function managementToken(emu: LogtoEmulator): Promise<string> {
  const res = await fetch(`${emu.endpoint}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${emu.m2mAppId}:${emu.m2mAppSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: emu.managementResource, scope: 'all' }).toString(),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

export interface AccountRouteHandler {
  /** `METHOD /path` with Nest's `:param` placeholders. */
  route: string;
  method: RequestMethod;
  handler: object;
}

/** Every handler of the /me controllers of a running app, read from Nest's metadata. */
export function accountRouteHandlers(app: NestFastifyApplication): AccountRouteHandler[] {
  const found: AccountRouteHandler[] = [];
  const controllers = [...app.get(ModulesContainer).values()].flatMap((module) => [...module.controllers.values()]);
  for (const wrapper of controllers) {
    const controller = wrapper.metatype as { prototype: Record<string, unknown> } | undefined;
    const base = controller ? (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) : undefined;
    if (!controller || !base?.startsWith('me')) continue;
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[name];
      if (typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const route = `${RequestMethod[method]} /${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`.replace(/\/+$/, '');
      found.push({ route, method, handler });
    }
  }
  return found;
}

/**
 * Secrets must never reach a log line. A secret that is undefined or empty fails the test rather than being
 * skipped: it means the test lost track of the value it meant to check (e.g. no code was sent), and a check
 * of nothing would pass whatever the logs hold.
 */
export function expectNotLogged(t: TestApp, secrets: Array<string | undefined>): void {
  const logs = t.logs();
  secrets.forEach((secret, index) => {
    if (secret === undefined || secret === '') throw new Error(`expectNotLogged: secret #${index} is ${JSON.stringify(secret)}, not a value to look for`);
    expect(logs).not.toContain(secret);
  });
}

export { auth, grantStepUp, verifyByCode, verifyByPassword, wrongCode } from './step-up.js';

