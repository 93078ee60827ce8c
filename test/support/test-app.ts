import { RequestMethod, type ModuleMetadata } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createApp } from '../../src/app.factory.js';
import { Clock } from '../../src/common/clock.js';
import { loadConfig } from '../../src/config/load-config.js';
import { LogtoEmulator, type LogtoEmulatorOptions } from '@logto-account-service/logto-emulator';
import { SharedStore } from '../../src/store/shared-store.js';
import { verificationEpochKey, verificationKey, type VerificationRecord } from '../../src/verification/verification-record.js';

export const TEST_AUDIENCE = 'https://account.example.test';

export interface TestAppOptions {
  emulator?: LogtoEmulator;
  env?: Record<string, string>;
  imports?: ModuleMetadata['imports'];
  clock?: Clock;
}

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

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const config = loadConfig(testEnv(options.emulator, options.env));
  const { app } = await createApp(config, {
    logDestination: destination as unknown as NodeJS.WritableStream & { write(msg: string): void },
    imports: options.imports,
    clock: options.clock,
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

export interface EmulatorAppOptions extends Omit<TestAppOptions, 'emulator'> {
  /** For `LogtoEmulator.start`, e.g. `now: () => clock.now()` to run the emulator on the app's ManualClock. */
  emulatorOptions?: LogtoEmulatorOptions;
}

/** A fresh emulator and an app against it. */
export interface EmulatorApp {
  readonly emu: LogtoEmulator;
  readonly t: TestApp;
}

export interface RunningEmulatorApp extends EmulatorApp {
  /** Closes the app, then the emulator, also when the app's close throws. */
  close(): Promise<void>;
}

/**
 * Starts an emulator and an app against it, for harnesses that hold both across hooks. When the app fails to
 * start, the emulator is closed before the error is passed on: its open server would keep jest from exiting.
 */
export async function startEmulatorApp(options: EmulatorAppOptions = {}): Promise<RunningEmulatorApp> {
  const { emulatorOptions, ...appOptions } = options;
  const emu = await LogtoEmulator.start(emulatorOptions);
  let t: TestApp;
  try {
    t = await startTestApp({ ...appOptions, emulator: emu });
  } catch (error) {
    return rethrowAfter(error, () => emu.close());
  }
  return {
    emu,
    t,
    close: async () => {
      try {
        await t.close();
      } finally {
        await emu.close();
      }
    },
  };
}

/**
 * Runs `body` against a fresh emulator and an app against it, and closes both whatever happens: the call fails
 * with the app's start error or the body's own error, or else with an error of the close.
 */
export async function withEmulatorApp<T>(options: EmulatorAppOptions, body: (started: EmulatorApp) => Promise<T>): Promise<T> {
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
export function useEmulatorApp(options: EmulatorAppOptions = {}): EmulatorApp {
  let running: RunningEmulatorApp | undefined;
  beforeAll(async () => {
    running = await startEmulatorApp(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  const started = (name: string): RunningEmulatorApp => {
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

/**
 * Puts a verified step-up record for the user straight into the app's shared store, the way the verification
 * routes leave one, and returns its id: for tests of routes that need `Verification-Id` but are not about how
 * the record was obtained (the verification routes have their own tests).
 */
export async function grantStepUp(t: TestApp, userId: string, method: VerificationRecord['method'] = 'password'): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = t.app.get(Clock).now();
  const store = t.app.get(SharedStore);
  const epoch = await store.get<string>(verificationEpochKey(userId));
  const record: VerificationRecord = { id, userId, method, status: 'verified', createdAt: now, expiresAt: now + 600_000, failedAttempts: 0, epoch };
  await store.set(verificationKey(id), record, 600_000);
  return id;
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
