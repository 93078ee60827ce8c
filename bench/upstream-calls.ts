/**
 * How many Logto calls one request of each route in openapi.yaml makes (issue #20), cold and warm, printed by
 * `npm run bench` before the load and kept in `upstreamCalls` of its JSON. Also runs alone:
 * `node dist/bench/bench/upstream-calls.js`.
 *
 * One service instance (built from src, in this process) against the Logto emulator. For each route a fresh
 * user is seeded with what the route needs (password, email, phone, a session and its grant, a TOTP factor,
 * a social identity) and the request is sent twice, each time prepared anew (a fresh step-up record written to
 * the store, a fresh code, a fresh enrollment) with the emulator's counters reset after the preparation:
 * - cold: the reference cache emptied and the user's cached account status forgotten (a new instance, or the
 *   first request of a user);
 * - warm: right after, everything the first request cached still there.
 * Only Management API calls (`/api/...`) count; the M2M token and the JWKS are fetched once per instance.
 */
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { generate } from 'otplib';
import { parse } from 'yaml';
import { AccountStateService } from '../src/account/account-state.service.js';
import { createApp } from '../src/app.factory.js';
import { loadConfig } from '../src/config/load-config.js';
import { ReferenceDataCache } from '../src/reference-data/reference-data.cache.js';
import { SharedStore } from '../src/store/shared-store.js';
import { verificationEpochKey, verificationKey, type VerificationRecord } from '../src/verification/verification-record.js';
import { BENCH_AUDIENCE, repoRoot, serviceEnv } from './settings.js';

const AUDIENCE = BENCH_AUDIENCE;
const PASSWORD = 'Calls-Passw0rd!';
const REDIRECT = 'https://app.example.test/linked';

export interface RouteCalls {
  route: string;
  cold: { status: number; calls: number; byRoute: Record<string, number> };
  warm: { status: number; calls: number; byRoute: Record<string, number> };
}

interface Request {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface Context {
  emu: LogtoEmulator;
  userId: string;
  token: string;
  /** A verified step-up record, written straight to the store (no Logto call, no cached account status). */
  stepUp(): Promise<string>;
  inject(request: Request): Promise<{ statusCode: number; json(): unknown }>;
}

interface RouteCase {
  route: string;
  /** Seeds what the route needs and returns the request; called before each of the two measured requests. */
  prepare(context: Context): Promise<Request>;
}

const withStepUp = async (c: Context, request: Request): Promise<Request> => ({ ...request, headers: { ...request.headers, 'verification-id': await c.stepUp() } });
let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

/** Every route of openapi.yaml, with a request that succeeds. */
const CASES: RouteCase[] = [
  { route: 'POST /me/verifications/password', prepare: async () => ({ method: 'POST', url: '/me/verifications/password', payload: { password: PASSWORD } }) },
  {
    route: 'POST /me/verifications/reauthentication',
    prepare: async (c) => ({ method: 'POST', url: '/me/verifications/reauthentication', payload: { idToken: await c.emu.mintIdToken({ sub: c.userId, audience: 'calls-reauth-app' }) } }),
  },
  { route: 'POST /me/verifications/code', prepare: async () => ({ method: 'POST', url: '/me/verifications/code', payload: { channel: 'email' } }) },
  {
    route: 'POST /me/verifications/{verificationId}/verify',
    prepare: async (c) => {
      const sent = (await c.inject({ method: 'POST', url: '/me/verifications/code', payload: { channel: 'email' } })).json() as { verificationId: string };
      const user = c.emu.state.users.get(c.userId);
      return { method: 'POST', url: `/me/verifications/${sent.verificationId}/verify`, payload: { code: c.emu.lastCode(user?.primaryEmail ?? '') } };
    },
  },
  { route: 'GET /me', prepare: async () => ({ method: 'GET', url: '/me' }) },
  { route: 'PATCH /me', prepare: async (c) => withStepUp(c, { method: 'PATCH', url: '/me', headers: { 'content-type': 'application/merge-patch+json' }, payload: JSON.stringify({ name: `Name ${unique()}` }) }) },
  { route: 'DELETE /me', prepare: async (c) => withStepUp(c, { method: 'DELETE', url: '/me' }) },
  { route: 'PATCH /me/profile', prepare: async () => ({ method: 'PATCH', url: '/me/profile', headers: { 'content-type': 'application/merge-patch+json' }, payload: JSON.stringify({ nickname: `n${unique()}` }) }) },
  { route: 'GET /me/custom-data', prepare: async () => ({ method: 'GET', url: '/me/custom-data' }) },
  { route: 'GET /me/custom-data/schema', prepare: async () => ({ method: 'GET', url: '/me/custom-data/schema' }) },
  { route: 'PATCH /me/custom-data', prepare: async () => ({ method: 'PATCH', url: '/me/custom-data', headers: { 'content-type': 'application/merge-patch+json' }, payload: JSON.stringify({ theme: 'dark' }) }) },
  { route: 'POST /me/email/verification-code', prepare: async (c) => withStepUp(c, { method: 'POST', url: '/me/email/verification-code', payload: { email: `new.${unique()}@example.com` } }) },
  {
    route: 'PUT /me/email',
    prepare: async (c) => {
      const email = `new.${unique()}@example.com`;
      await c.inject({ method: 'POST', url: '/me/email/verification-code', headers: { 'verification-id': await c.stepUp() }, payload: { email } });
      return withStepUp(c, { method: 'PUT', url: '/me/email', payload: { email, code: c.emu.lastCode(email) } });
    },
  },
  { route: 'DELETE /me/email', prepare: async (c) => withStepUp(c, { method: 'DELETE', url: '/me/email' }) },
  { route: 'POST /me/phone/verification-code', prepare: async (c) => withStepUp(c, { method: 'POST', url: '/me/phone/verification-code', payload: { phone: `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` } }) },
  {
    route: 'PUT /me/phone',
    prepare: async (c) => {
      const digits = `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      await c.inject({ method: 'POST', url: '/me/phone/verification-code', headers: { 'verification-id': await c.stepUp() }, payload: { phone: `+${digits}` } });
      return withStepUp(c, { method: 'PUT', url: '/me/phone', payload: { phone: `+${digits}`, code: c.emu.lastCode(digits) } });
    },
  },
  { route: 'DELETE /me/phone', prepare: async (c) => withStepUp(c, { method: 'DELETE', url: '/me/phone' }) },
  { route: 'GET /me/password', prepare: async () => ({ method: 'GET', url: '/me/password' }) },
  { route: 'PUT /me/password', prepare: async (c) => withStepUp(c, { method: 'PUT', url: '/me/password', payload: { password: `${PASSWORD}-${unique()}` } }) },
  { route: 'GET /me/identities', prepare: async () => ({ method: 'GET', url: '/me/identities' }) },
  {
    route: 'POST /me/identities/social/authorization-uri',
    prepare: async (c) => ({ method: 'POST', url: '/me/identities/social/authorization-uri', payload: { connectorId: c.emu.connectorIds.socialConnectorId, redirectUri: REDIRECT, state: `state-${unique()}-0123456789` } }),
  },
  {
    route: 'POST /me/identities/social',
    prepare: async (c) => {
      const state = `state-${unique()}-0123456789`;
      await c.inject({ method: 'POST', url: '/me/identities/social/authorization-uri', payload: { connectorId: c.emu.connectorIds.socialConnectorId, redirectUri: REDIRECT, state } });
      return withStepUp(c, {
        method: 'POST',
        url: '/me/identities/social',
        payload: { connectorId: c.emu.connectorIds.socialConnectorId, connectorData: { code: 'provider-code', state, userId: `social-${unique()}` } },
      });
    },
  },
  {
    route: 'DELETE /me/identities/social/{target}',
    prepare: async (c) => {
      c.emu.linkSocialIdentity(c.userId, 'github', { userId: `gh-${unique()}` });
      return withStepUp(c, { method: 'DELETE', url: '/me/identities/social/github' });
    },
  },
  { route: 'GET /me/sessions', prepare: async () => ({ method: 'GET', url: '/me/sessions' }) },
  { route: 'DELETE /me/sessions', prepare: async (c) => (c.emu.addSession(c.userId, { clientId: 'calls-app' }), withStepUp(c, { method: 'DELETE', url: '/me/sessions' })) },
  { route: 'DELETE /me/sessions/{sessionId}', prepare: async (c) => withStepUp(c, { method: 'DELETE', url: `/me/sessions/${c.emu.addSession(c.userId, { clientId: 'calls-app' }).sessionId}` }) },
  { route: 'GET /me/grants', prepare: async () => ({ method: 'GET', url: '/me/grants' }) },
  {
    route: 'DELETE /me/grants/{grantId}',
    prepare: async (c) => withStepUp(c, { method: 'DELETE', url: `/me/grants/${c.emu.addSession(c.userId, { clientId: `calls-app-${unique()}` }).grantId}` }),
  },
  { route: 'GET /me/organizations', prepare: async () => ({ method: 'GET', url: '/me/organizations' }) },
  { route: 'GET /me/mfa', prepare: async () => ({ method: 'GET', url: '/me/mfa' }) },
  { route: 'POST /me/mfa/totp/enrollment', prepare: async (c) => (removeTotp(c), { method: 'POST', url: '/me/mfa/totp/enrollment' }) },
  {
    route: 'POST /me/mfa/totp',
    prepare: async (c) => {
      removeTotp(c);
      const { enrollmentId, secret } = (await c.inject({ method: 'POST', url: '/me/mfa/totp/enrollment' })).json() as { enrollmentId: string; secret: string };
      return withStepUp(c, { method: 'POST', url: '/me/mfa/totp', payload: { enrollmentId, code: await generate({ secret }) } });
    },
  },
  { route: 'GET /me/mfa/backup-codes', prepare: async () => ({ method: 'GET', url: '/me/mfa/backup-codes' }) },
  { route: 'POST /me/mfa/backup-codes', prepare: async (c) => withStepUp(c, { method: 'POST', url: '/me/mfa/backup-codes' }) },
  {
    route: 'DELETE /me/mfa/{factorId}',
    prepare: async (c) => withStepUp(c, { method: 'DELETE', url: `/me/mfa/${c.emu.addMfaVerification(c.userId, { type: 'WebAuthn', name: `key ${unique()}` }).id}` }),
  },
  { route: 'GET /me/security', prepare: async () => ({ method: 'GET', url: '/me/security' }) },
  { route: 'GET /me/deletion', prepare: async () => ({ method: 'GET', url: '/me/deletion' }) },
  {
    route: 'DELETE /me/deletion',
    prepare: async (c) => {
      await c.inject({ method: 'DELETE', url: '/me', headers: { 'verification-id': await c.stepUp() } });
      return { method: 'DELETE', url: '/me/deletion' };
    },
  },
  { route: 'GET /me/export', prepare: async (c) => withStepUp(c, { method: 'GET', url: '/me/export' }) },
  { route: 'GET /me/activity', prepare: async () => ({ method: 'GET', url: '/me/activity' }) },
];

/** An authenticator app may be enrolled once: the seeded one goes before each TOTP enrollment. */
function removeTotp(c: Context): void {
  c.emu.state.setMfaOf(c.userId, c.emu.state.mfaOf(c.userId).filter((factor) => factor.type !== 'Totp'));
}

function openApiRoutes(): string[] {
  const document = parse(readFileSync(join(repoRoot, 'openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

const managementRoutes = (byRoute: Record<string, number>) => Object.fromEntries(Object.entries(byRoute).filter(([route]) => route.includes(' /api/')));

/** A user with a password, email, phone, custom data, a session and its grant, and a TOTP factor. */
async function newUser(emu: LogtoEmulator, app: { inject: NestFastifyApplication['inject'] }, store: SharedStore): Promise<Context> {
  const user = emu.seedUser({
    username: `calls_${unique()}`,
    password: PASSWORD,
    primaryEmail: `calls.${unique()}@example.com`,
    primaryPhone: `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    customData: { theme: 'light' },
  });
  emu.addSession(user.id, { clientId: 'calls-app' });
  emu.addMfaVerification(user.id, { type: 'Totp' });
  const token = await emu.mintUserToken({ sub: user.id, scopes: ['account:read', 'account:write'], audience: AUDIENCE, ttlSeconds: 3600 });
  const inject = async (request: Request) => {
    const response = await app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: { authorization: `Bearer ${token}`, ...request.headers },
      payload: request.payload as string,
    });
    return { statusCode: response.statusCode, json: () => response.json() as unknown };
  };
  return {
    emu,
    userId: user.id,
    token,
    inject,
    stepUp: async () => {
      const id = randomBytes(32).toString('base64url');
      const now = Date.now();
      const epoch = await store.get<string>(verificationEpochKey(user.id));
      const record: VerificationRecord = { id, userId: user.id, method: 'password', status: 'verified', createdAt: now, expiresAt: now + 600_000, failedAttempts: 0, epoch };
      await store.set(verificationKey(id), record, 600_000);
      return id;
    },
  };
}

export async function measureUpstreamCalls(emu: LogtoEmulator): Promise<RouteCalls[]> {
  const routes = openApiRoutes();
  const missing = routes.filter((route) => !CASES.some((c) => c.route === route));
  if (missing.length > 0) throw new Error(`upstream-calls: no request for ${missing.join(', ')} (bench/upstream-calls.ts)`);

  const config = loadConfig(serviceEnv(emu, {
    LOG_LEVEL: 'warn',
    SOCIAL_REDIRECT_URIS: REDIRECT,
    REAUTH_CLIENT_IDS: 'calls-reauth-app',
    // DELETE /me schedules the deletion, which DELETE /me/deletion can then cancel.
    DELETION_GRACE_PERIOD_DAYS: '30',
  }));
  const { app } = await createApp(config, { logDestination: new Writable({ write: (_chunk, _encoding, done) => done() }) as never });
  try {
    const store = app.get(SharedStore);
    const accounts = app.get(AccountStateService);
    const reference = app.get(ReferenceDataCache);
    const results: RouteCalls[] = [];
    for (const route of routes) {
      const routeCase = CASES.find((c) => c.route === route) as RouteCase;
      const measure = async (cold: boolean) => {
        const context = await newUser(emu, app, store);
        if (!cold) await context.inject({ method: 'GET', url: '/me' });
        const request = await routeCase.prepare(context);
        if (cold) {
          await reference.invalidate('connectors');
          await accounts.forget(context.userId);
        }
        emu.resetCounters();
        const response = await context.inject(request);
        return { status: response.statusCode, calls: emu.counters.managementCalls, byRoute: managementRoutes(emu.counters.byRoute) };
      };
      const cold = await measure(true);
      const warm = await measure(false);
      results.push({ route, cold, warm });
    }
    return results;
  } finally {
    await app.close();
  }
}

export function upstreamCallsTable(rows: RouteCalls[]): string {
  const header = ['route', 'cold', 'warm', 'status', 'Logto calls of the warm request'];
  const calls = (byRoute: Record<string, number>) =>
    Object.entries(byRoute)
      .map(([route, n]) => `${route.replace('/api/users/:userId', '~')}${n > 1 ? ` x${n}` : ''}`)
      .join(', ');
  const cells = rows.map((r) => [r.route, String(r.cold.calls), String(r.warm.calls), r.cold.status === r.warm.status ? String(r.cold.status) : `${r.cold.status}/${r.warm.status}`, calls(r.warm.byRoute)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((cell, i) => (i === 1 || i === 2 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { LogtoEmulator } = await import('@logto-account-service/logto-emulator');
  const emu = await LogtoEmulator.start({ host: '127.0.0.1', port: 0 });
  try {
    const rows = await measureUpstreamCalls(emu);
    process.stdout.write(`${upstreamCallsTable(rows)}\n`);
  } finally {
    await emu.close();
  }
}
