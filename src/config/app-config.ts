/**
 * Typed configuration, one namespace per concern, read from the environment once at boot. The variables
 * themselves (names, types, defaults, ranges) are declared in config-variables.ts.
 * `loadConfig` collects every problem before failing, so an operator fixes a broken deployment in one pass.
 */
import type { LOG_LEVELS, NODE_ENVS } from './config-variables.js';

export type NodeEnv = (typeof NODE_ENVS)[number];

export interface ServerConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  corsOrigins: string[];
  /** Fastify's `trustProxy`: false, true, a hop count, or a list of addresses / CIDR ranges. */
  trustProxy: boolean | number | string[];
  bodyLimitBytes: number;
  shutdownTimeoutMs: number;
  /** Set: GET /metrics is served only on this port (bound to `host`), not on `port`. */
  metricsPort?: number;
  /** GET /health/ready reads Logto at most once per this many ms, whatever the probe rate. */
  readinessCacheMs: number;
  /**
   * How many instances the operator runs (REPLICAS; the multi-replica Kubernetes overlay sets it). Only read to
   * warn at boot when more than one instance runs without a shared store.
   */
  replicas: number;
}

export interface LogtoConfig {
  /** Base URL of the Logto tenant, without trailing slash. */
  endpoint: string;
  /** Expected `iss` of user access tokens. */
  issuer: string;
  /** The API resource indicator user access tokens must be issued for. */
  audience: string;
  m2mAppId: string;
  m2mAppSecret: string;
  managementResource: string;
  timeoutMs: number;
  breakerHalfOpenMs: number;
  /** Signing key of the Logto webhook; undefined: POST /webhooks/logto is not served. */
  webhookSigningKey?: string;
}

export interface AuthConfig {
  /** Asymmetric JWS algorithms accepted on user access tokens. */
  algorithms: string[];
  jwksCooldownSeconds: number;
  /** How long a fetched JWKS is trusted before it is read again (jose's `cacheMaxAge`); >= the cooldown. */
  jwksCacheMaxAgeSeconds: number;
  clockToleranceSeconds: number;
  /** Empty string: the check is disabled. */
  readScope: string;
  writeScope: string;
  verifiedTokenCacheSize: number;
  /** Longest lifetime (`exp` - `iat`) accepted on an access token, and the longest a verified token is cached. */
  maxTokenAgeSeconds: number;
  /** Logto app ids (`client_id`) whose tokens may call the API; empty: every app of the tenant. */
  allowedClientIds: string[];
  /** Apps whose ID tokens may be used for the re-authentication step-up; empty: the method is off. */
  reauthClientIds: string[];
  /** How recent a re-authentication ID token's `auth_time` must be. */
  reauthMaxAgeSeconds: number;
}

export interface StoreConfig {
  redisUrl?: string;
  keyPrefix: string;
  /** In-memory store only: bound on the bytes of all users' idempotency records together, oldest evicted first. */
  memoryMaxBytes: number;
  /** How long tenant-wide reference data read from Logto (the connectors) is cached; 0: not cached. */
  referenceCacheTtlSeconds: number;
}

export interface RateLimitConfig {
  /** Requests per minute one user may make to /me routes, over all instances. */
  perUserPerMinute: number;
  /** Requests per minute one client address may make, counted before authentication. */
  perIpPerMinute: number;
}

export interface AccountConfig {
  /** Path of the JSON Schema declaring the user-visible custom data keys; undefined: users see none. */
  customDataSchemaPath?: string;
  /** That schema as read and checked at boot (draft-07, 2019-09 or 2020-12, by its `$schema`). */
  customDataSchema?: Record<string, unknown>;
  /** Lifetime of a step-up verification record. */
  stepUpMaxAgeSeconds: number;
  /** Exact redirect URIs allowed for social linking. */
  socialRedirectUris: string[];
  /** Issuer shown in authenticator apps. */
  totpIssuer: string;
  /** 0: delete at once; more: schedule the deletion this many days ahead. */
  deletionGracePeriodDays: number;
  /** How often the deletion sweeper runs. */
  deletionSweepIntervalSeconds: number;
  /** How long read routes may trust a cached suspension status (writes always read it fresh). */
  suspensionCacheSeconds: number;
  /** Idempotency records kept per user (newest first) and their total size cap in bytes. */
  idempotencyMaxRecordsPerUser: number;
  idempotencyMaxBytesPerUser: number;
}

export interface AccountCenterConfig {
  /** Serve the account center (the reference account settings app) at /account. */
  enabled: boolean;
  /** Absolute path of its built static files (index.html and assets/). */
  dir: string;
  /** The Logto app id (a single page app) it signs users in with; empty when disabled. */
  appId: string;
  /** The Logto endpoint as browsers reach it (default LOGTO_ENDPOINT): the app's sign-in and its CSP use it. */
  logtoEndpoint: string;
  /** The service's public URL given to the app; undefined: the origin its page was served from. */
  serviceUrl?: string;
}

export interface AllConfig {
  server: ServerConfig;
  logto: LogtoConfig;
  auth: AuthConfig;
  store: StoreConfig;
  rateLimit: RateLimitConfig;
  account: AccountConfig;
  accountCenter: AccountCenterConfig;
}
