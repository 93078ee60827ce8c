/**
 * The benchmark baseline's per-request work, shared by the two servers that do it with the least code: bench/baseline.ts
 * (plain Fastify, what `npm run bench` compares the service with) and bench/nest-floor.ts (the same work in a bare
 * Nest 12 controller, to measure what Nest itself costs).
 *
 * Per request, like the service: a request id, the bearer token checked against the verified-token LRU
 * (sha256 key) or verified by jose against Logto's remote JWKS with the same checks, the scope, the Management
 * API called (undici `request` on its own pool, a deadline per call) with a cached, single-flight M2M token (client_credentials), the answer mapped with the service's
 * own pure `mapAccount` (so the JSON is identical), a strong ETag of the serialization, and one pino line.
 * PATCH /me/custom-data reads, merges (RFC 7396), validates against the schema with ajv and writes the changed
 * top-level keys, serialized per user, like ProfileService.patchCustomData with the in-memory store.
 *
 * Left out on purpose, because they are not the work: Nest's DI, guards, interceptors, pipes, helmet, CORS,
 * problem+json rendering, retries and the circuit breaker (which cost nothing while Logto answers).
 * Configured from the same environment variables as the service.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { Agent, request } from 'undici';
import { REQUEST_ID_HEADER } from '../src/common/http/request-id.js';
import { signInFactsOf, signInMethods } from '../src/account/sign-in-methods.js';
import type { LogtoGrant, LogtoMfaVerification, LogtoSession, LogtoUser } from '../src/logto/logto.types.js';
import { backupCodesStatus, factorType, mapMfaFactor } from '../src/mfa/mfa-factors.js';
import { mapAccount } from '../src/profile/account.mapper.js';
import { maskEmail, maskPhone } from '../src/security/mask.js';
import { sensitiveActions } from '../src/security/security-actions.js';
import { toSessionDto } from '../src/sessions/dto/sessions-response.dto.js';
import { availableStepUpMethods } from '../src/verification/step-up-rules.js';
import { applyMergePatch, depthOf, findForbiddenKey, isJsonObject, type JsonObject } from '../src/profile/merge-patch.js';

export const env = process.env;
const endpoint = required('LOGTO_ENDPOINT').replace(/\/+$/, '');
const issuer = `${endpoint}/oidc`;
const audience = required('LOGTO_AUDIENCE');
const m2mAppId = required('LOGTO_M2M_APP_ID');
const m2mAppSecret = required('LOGTO_M2M_APP_SECRET');
const managementResource = env.LOGTO_MANAGEMENT_RESOURCE ?? 'https://default.logto.app/api';
const cacheSize = Number(env.VERIFIED_TOKEN_CACHE_SIZE ?? 10000);
const timeoutMs = 5000;
const clockToleranceSeconds = 5;

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`baseline: ${name} is required`);
  return value;
}

// --- what users may see of customData (the schema's top-level properties), as CustomDataPolicy ---------------
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin) as unknown as (
  ajv: Ajv2020,
) => void;
const schema = env.CUSTOM_DATA_SCHEMA ? (JSON.parse(readFileSync(env.CUSTOM_DATA_SCHEMA, 'utf8')) as Record<string, unknown>) : {};
const properties = (schema.properties ?? {}) as Record<string, { readOnly?: boolean }>;
const declared = Object.keys(properties);
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate: ValidateFunction = ajv.compile(schema);

function visible(customData: Record<string, unknown>): JsonObject {
  const result: JsonObject = {};
  for (const key of declared) {
    const value = customData[key];
    if (value !== undefined && value !== null) result[key] = value as JsonObject[string];
  }
  return result;
}

// --- the bearer token ------------------------------------------------------------------------------------------
interface Identity {
  userId: string;
  scopes: Set<string>;
  expiresAt: number;
}

const jwks = createRemoteJWKSet(new URL(`${endpoint}/oidc/jwks`), { cooldownDuration: 30_000, timeoutDuration: timeoutMs });
const verified = cacheSize > 0 ? new LRUCache<string, Identity>({ max: cacheSize, ttlAutopurge: false }) : undefined;

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string) {
    super(code);
  }
}

export async function authenticate(header: string | undefined, scope: string): Promise<Identity> {
  const match = header !== undefined && header.length <= 8192 ? /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header) : null;
  if (!match) throw new HttpError(401, 'auth.token_missing');
  const token = match[1];
  const key = verified ? createHash('sha256').update(token).digest('base64url') : '';
  const nowSeconds = Date.now() / 1000;
  let identity = verified?.get(key);
  if (identity) {
    if (identity.expiresAt + clockToleranceSeconds <= nowSeconds) throw new HttpError(401, 'auth.token_invalid');
  } else {
    try {
      const { payload } = await jwtVerify(token, jwks, {
        issuer,
        audience,
        algorithms: ['ES384'],
        typ: 'at+jwt',
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      });
      identity = {
        userId: String(payload.sub),
        scopes: new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []),
        expiresAt: payload.exp as number,
      };
    } catch {
      throw new HttpError(401, 'auth.token_invalid');
    }
    verified?.set(key, identity, { ttl: Math.max(1, (identity.expiresAt - nowSeconds) * 1000) });
  }
  if (!identity.scopes.has(scope)) throw new HttpError(403, 'auth.insufficient_scope');
  return identity;
}

// --- the Management API ----------------------------------------------------------------------------------------
let m2m: { token: string; refreshAt: number } | undefined;
let m2mInflight: Promise<string> | undefined;

async function m2mToken(): Promise<string> {
  if (m2m && m2m.refreshAt > Date.now()) return m2m.token;
  m2mInflight ??= (async () => {
    const response = await fetch(`${endpoint}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(m2mAppId)}:${encodeURIComponent(m2mAppSecret)}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: managementResource, scope: 'all' }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { access_token: string; expires_in: number };
    if (!response.ok) throw new HttpError(502, 'upstream.auth_failed');
    const lifetimeMs = body.expires_in * 1000;
    m2m = { token: body.access_token, refreshAt: Date.now() + Math.max(lifetimeMs - 60_000, lifetimeMs / 2) };
    return m2m.token;
  })().finally(() => {
    m2mInflight = undefined;
  });
  return m2mInflight;
}

/** Like the service: a connection pool of its own, whichever undici claimed the global dispatcher. */
const dispatcher = new Agent();

async function logto<T>(method: 'GET' | 'PATCH', path: string, requestId: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${await m2mToken()}`, accept: 'application/json', [REQUEST_ID_HEADER]: requestId };
  if (body !== undefined) headers['content-type'] = 'application/json';
  // The service's client: undici's request on its own pool, with a deadline that is cleared when the call ends.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await request(`${endpoint}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      dispatcher,
    });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new HttpError(response.statusCode === 404 ? 404 : 502, 'upstream');
    return JSON.parse(text) as T;
  } finally {
    clearTimeout(timer);
  }
}

// --- per-user serialization of read-modify-write (UserLockService with the in-memory store) --------------------
const queues = new Map<string, Promise<unknown>>();

function withUserLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(userId) ?? Promise.resolve()).catch(() => undefined).then(work);
  const tail = run.catch(() => undefined);
  queues.set(userId, tail);
  void tail.then(() => {
    if (queues.get(userId) === tail) queues.delete(userId);
  });
  return run;
}

// --- what both servers do around the work ----------------------------------------------------------------------
export const logger = pino({ level: env.LOG_LEVEL ?? 'info', base: { service: 'baseline' }, timestamp: pino.stdTimeFunctions.isoTime });

/** The request id on every response and one log line per request (not for /health), with the fields the service logs. */
export function installRequestHooks(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logRequest(request, reply);
    done();
  });
}

function logRequest(request: FastifyRequest, reply: FastifyReply): void {
  if (request.url.startsWith('/health')) return;
  logger.info(
    {
      requestId: request.id,
      userId: (request as { userId?: string }).userId,
      method: request.method,
      route: request.routeOptions.url ?? null,
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ip: request.ip,
    },
    'request',
  );
}

/** A clean exit on SIGTERM or SIGINT, once `close` is done (so `--cpu-prof` can write its profile). */
export function exitOnSignal(close: () => Promise<unknown>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void close().finally(() => process.exit(0));
    });
  }
}

/** The JSON of `value`, sent with a strong ETag of it. */
export function sendJson(reply: FastifyReply, value: unknown): FastifyReply {
  return reply.send(prepareJson(reply, value));
}

/** The serialization of `value`, with its strong ETag and content type set on `reply`, for the caller to send. */
export function prepareJson(reply: FastifyReply, value: unknown): string {
  const serialized = JSON.stringify(value);
  void reply
    .header('etag', `"${createHash('sha256').update(serialized).digest('base64url').slice(0, 27)}"`)
    .header('cache-control', 'private, no-cache')
    .type('application/json; charset=utf-8');
  return serialized;
}

/** GET /me: the caller's account. */
export async function getMe(request: FastifyRequest): Promise<JsonObject> {
  const { userId } = await authenticate(request.headers.authorization, 'account:read');
  (request as { userId?: string }).userId = userId;
  const user = await logto<LogtoUser>('GET', `/api/users/${encodeURIComponent(userId)}?includeSsoIdentities=true`, request.id);
  return mapAccount(user, visible(user.customData ?? {})) as unknown as JsonObject;
}

/** PATCH /me/custom-data: read, merge, validate, write the changed top-level keys, under the user's lock. */
export async function patchCustomData(request: FastifyRequest): Promise<JsonObject> {
  const { userId } = await authenticate(request.headers.authorization, 'account:write');
  (request as { userId?: string }).userId = userId;
  const patch = request.body;
  if (!isJsonObject(patch) || findForbiddenKey(patch) || depthOf(patch) > 8) throw new HttpError(400, 'custom_data.invalid');
  for (const key of Object.keys(patch)) {
    if (!(key in properties) || properties[key]?.readOnly) throw new HttpError(400, 'custom_data.invalid');
  }
  const path = `/api/users/${encodeURIComponent(userId)}/custom-data`;
  return withUserLock(userId, async () => {
    const before = visible(await logto<JsonObject>('GET', path, request.id));
    const after = applyMergePatch(before, patch) as JsonObject;
    if (!validate(after)) throw new HttpError(400, 'custom_data.invalid');
    if (Buffer.byteLength(JSON.stringify(after)) > 32 * 1024) throw new HttpError(400, 'custom_data.too_large');
    const write: JsonObject = {};
    for (const key of Object.keys(patch)) {
      if (key in after) {
        if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) write[key] = after[key];
      } else if (key in before) {
        write[key] = null;
      }
    }
    if (Object.keys(write).length === 0) return after;
    return visible(await logto<JsonObject>('PATCH', path, request.id, { customData: write }));
  });
}

/** GET /me/mfa: the factors, mapped as the service maps them. */
export async function getMfa(request: FastifyRequest): Promise<JsonObject> {
  const { userId } = await authenticate(request.headers.authorization, 'account:read');
  (request as { userId?: string }).userId = userId;
  const verifications = await logto<LogtoMfaVerification[]>('GET', `/api/users/${encodeURIComponent(userId)}/mfa-verifications`, request.id);
  return { items: verifications.map(mapMfaFactor) } as unknown as JsonObject;
}

/** GET /me/sessions: the sessions, named from the grants' applications (two calls in parallel, as the service). */
export async function getSessions(request: FastifyRequest): Promise<JsonObject> {
  const { userId } = await authenticate(request.headers.authorization, 'account:read');
  (request as { userId?: string }).userId = userId;
  const base = `/api/users/${encodeURIComponent(userId)}`;
  const [{ sessions }, { grants }] = await Promise.all([
    logto<{ sessions: LogtoSession[] }>('GET', `${base}/sessions`, request.id),
    logto<{ grants: LogtoGrant[] }>('GET', `${base}/grants`, request.id),
  ]);
  const names = new Map<string, string>();
  for (const grant of grants) if (grant.application) names.set(grant.application.id, grant.application.name);
  return { items: sessions.map((session) => toSessionDto(session, names)) } as unknown as JsonObject;
}

/** GET /me/security: the user, the MFA factors and the sessions (three calls in parallel), summarized as the service does. */
export async function getSecurity(request: FastifyRequest): Promise<JsonObject> {
  const { userId } = await authenticate(request.headers.authorization, 'account:read');
  (request as { userId?: string }).userId = userId;
  const base = `/api/users/${encodeURIComponent(userId)}`;
  const [user, verifications, { sessions }] = await Promise.all([
    logto<LogtoUser>('GET', `${base}?includeSsoIdentities=true`, request.id),
    logto<LogtoMfaVerification[]>('GET', `${base}/mfa-verifications`, request.id),
    logto<{ sessions: LogtoSession[] }>('GET', `${base}/sessions`, request.id),
  ]);
  const signIn = signInFactsOf(user);
  const factors = verifications.filter((v) => factorType(v) !== 'backup_code').map(mapMfaFactor);
  const stepUpMethods = availableStepUpMethods(user, false);
  const now = Date.now();
  return {
    hasPassword: signIn.hasPassword,
    primaryEmail: user.primaryEmail ? { present: true, masked: maskEmail(user.primaryEmail) } : { present: false },
    primaryPhone: user.primaryPhone ? { present: true, masked: maskPhone(user.primaryPhone) } : { present: false },
    signInMethods: signInMethods(signIn),
    linkedIdentities: { social: signIn.socialTargets.length, sso: signIn.ssoConnectorIds.length },
    mfa: { enabled: factors.length > 0, factors, backupCodes: backupCodesStatus(verifications) },
    sessions: { active: sessions.filter((session) => session.expiresAt > now).length },
    stepUpMethods,
    actions: sensitiveActions({ signIn, stepUpMethods, hasTotp: factors.some((f) => f.type === 'totp'), realFactorCount: factors.length, factorCount: factors.length }),
  } as unknown as JsonObject;
}
