/**
 * Every environment variable the service reads, declared once: its type, default, bounds, whether it is a
 * secret, and its documentation. The loader (load-config.ts) reads each variable through this table;
 * `npm run config:docs` writes .env.example and the README's configuration table from it, and
 * test/config/config-docs.spec.ts fails when either file differs from what the table gives.
 *
 * Rules a type and a range cannot express (an origin without a path, METRICS_PORT differing from PORT, the
 * JWKS cache outliving the cooldown, the issuer defaulting from the endpoint, the custom-data schema file)
 * stay as code in load-config.ts.
 */

/** Algorithms a Logto tenant can sign access tokens with; symmetric ones are never accepted. */
export const ASYMMETRIC_ALGORITHMS = [
  'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA',
] as const;

/** Where the account center's build lands in this repository (and in the image, under its working directory). */
export const DEFAULT_ACCOUNT_CENTER_DIR = 'packages/account-center/dist';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const NODE_ENVS = ['production', 'development', 'test'] as const;

export type ConfigSection =
  | 'Logto'
  | 'Authorization'
  | 'HTTP server'
  | 'Observability'
  | 'Shared state'
  | 'Rate limits'
  | 'Custom data'
  | 'Account features'
  | 'Account center';

interface VariableDocs {
  section: ConfigSection;
  /** Required: the service does not start without it. */
  required?: boolean;
  /** Its value is never printed (config errors, logs). */
  secret?: boolean;
  /** The README table's "meaning" column: one line. */
  summary: string;
  /** The comment above the variable in .env.example, one entry per line. */
  doc: readonly string[];
  /** The value .env.example shows when it is not the default (an example for a variable without one). */
  envExample?: string;
  /** The README table's default column when the plain default does not say it (a derived or empty default). */
  defaultText?: string;
}

export type ConfigVariable = VariableDocs &
  (
    | { type: 'string'; default?: string }
    | { type: 'url'; protocols?: readonly string[] }
    | { type: 'int'; default?: number; min: number; max: number }
    | { type: 'enum'; values: readonly string[]; default: string }
    /** Comma-separated; unset: the default, or empty. */
    | { type: 'list'; default?: readonly string[] }
    /** Unset: the default; set to an empty string: the check is disabled. */
    | { type: 'scope'; default: string }
    /** Fastify's trustProxy: false, true, a hop count, or addresses / CIDR ranges. */
    | { type: 'trust-proxy'; default: 'false' }
  );

export const CONFIG_VARIABLES = {
  LOGTO_ENDPOINT: {
    section: 'Logto',
    type: 'url',
    required: true,
    envExample: 'http://localhost:3001',
    summary: 'Logto base URL, e.g. `https://tenant.logto.app` or `http://localhost:3001`',
    doc: [
      'Base URL of the Logto tenant, as this service reaches it (JWKS, token endpoint, Management',
      'API). Required. Examples: http://localhost:3001 (local OSS), https://tenant.logto.app (Cloud).',
    ],
  },
  LOGTO_ISSUER: {
    section: 'Logto',
    type: 'url',
    envExample: 'http://localhost:3001/oidc',
    defaultText: '`${LOGTO_ENDPOINT}/oidc`',
    summary: 'expected `iss` of user tokens (set it when the service reaches Logto at another address than users do)',
    doc: [
      'Expected `iss` of users\' access tokens, when it differs from where the service reaches Logto',
      '(e.g. in docker-compose: reached at http://logto:3001, issuer http://localhost:3001/oidc).',
      'Optional. Default: ${LOGTO_ENDPOINT}/oidc. Example: https://auth.example.com/oidc',
    ],
  },
  LOGTO_AUDIENCE: {
    section: 'Logto',
    type: 'string',
    required: true,
    envExample: 'https://account.example.com',
    summary: 'the API resource indicator user access tokens must be issued for',
    doc: [
      'API resource indicator that users\' access tokens are issued for (their `aud`); create this',
      'API resource in the Logto console. Required. Example: https://account.example.com',
    ],
  },
  LOGTO_M2M_APP_ID: {
    section: 'Logto',
    type: 'string',
    required: true,
    summary: 'app id of the M2M app with the "Logto Management API access" role',
    doc: [
      'App ID of the machine-to-machine application holding the "Logto Management API access" role.',
      'Required. Example: 7x4kq9z2m1abcdefgh012',
    ],
  },
  LOGTO_M2M_APP_SECRET: {
    section: 'Logto',
    type: 'string',
    required: true,
    secret: true,
    summary: 'app secret of that M2M app',
    doc: [
      'App secret of that machine-to-machine application. Required; keep it out of version control.',
      'Example: (copied from the application\'s page in the Logto console)',
    ],
  },
  LOGTO_MANAGEMENT_RESOURCE: {
    section: 'Logto',
    type: 'string',
    default: 'https://default.logto.app/api',
    summary: 'Logto Cloud: `https://{tenantId}.logto.app/api`',
    doc: [
      'Resource indicator of Logto\'s Management API, requested with the M2M token.',
      'Default: https://default.logto.app/api (Logto OSS). Logto Cloud: https://{tenantId}.logto.app/api',
    ],
  },
  LOGTO_TIMEOUT_MS: {
    section: 'Logto',
    type: 'int',
    default: 5000,
    min: 100,
    max: 120000,
    summary: 'deadline of every call to Logto, retries included',
    doc: [
      'Timeout of each call to Logto, in milliseconds. Default: 5000. Example: 3000',
    ],
  },
  LOGTO_BREAKER_HALF_OPEN_MS: {
    section: 'Logto',
    type: 'int',
    default: 5000,
    min: 100,
    max: 600000,
    summary: 'after the breaker opens (5 consecutive failures), when a trial call is let through',
    doc: [
      'After the circuit breaker in front of Logto opens, how long to wait before letting a trial call',
      'through, in milliseconds. Default: 5000. Example: 10000',
    ],
  },
  LOGTO_WEBHOOK_SIGNING_KEY: {
    section: 'Logto',
    type: 'string',
    secret: true,
    summary: 'signing key of the Logto webhook; set: `POST /webhooks/logto` is served',
    doc: [
      'Signing key of the Logto webhook that tells the service about suspensions, deletions and data',
      'changes at once (Logto console → Webhooks → the hook\'s "Signing key"). When set, the service',
      'serves POST /webhooks/logto and checks the logto-signature-sha-256 header of every delivery.',
      'Optional; keep it out of version control. Default: unset (no webhook route).',
    ],
  },
  JWKS_COOLDOWN_SECONDS: {
    section: 'Logto',
    type: 'int',
    default: 30,
    min: 0,
    max: 86400,
    summary: 'at most one JWKS refetch per cooldown for unknown key ids',
    doc: [
      'Minimum time between two JWKS refetches triggered by an unknown `kid`, in seconds.',
      'Default: 30. Example: 60',
    ],
  },
  JWKS_CACHE_MAX_AGE_SECONDS: {
    section: 'Logto',
    type: 'int',
    default: 600,
    min: 1,
    max: 86400,
    summary: 'the JWKS is read again this long after it was fetched (≥ `JWKS_COOLDOWN_SECONDS`); a key Logto removed stops being accepted, cached tokens included, by then',
    doc: [
      'How long a fetched JWKS is trusted before it is read again, in seconds (1-86400, at least',
      'JWKS_COOLDOWN_SECONDS). When the new set lacks a key of the old one, tokens verified with it are',
      'checked again, so a key removed in Logto stops being accepted within this time. Default: 600.',
      'Example: 300',
    ],
  },
  JWT_ALGORITHMS: {
    section: 'Logto',
    type: 'list',
    default: ['ES384'],
    summary: 'accepted (asymmetric) signature algorithms',
    doc: [
      'Comma-separated list of accepted JWT signature algorithms (asymmetric only; Logto signs with',
      'ES384 by default). Default: ES384. Example: ES384,RS256',
    ],
  },
  JWT_CLOCK_TOLERANCE_SECONDS: {
    section: 'Logto',
    type: 'int',
    default: 5,
    min: 0,
    max: 300,
    summary: 'tolerance on `exp`/`nbf`',
    doc: [
      'Allowed clock skew when checking a token\'s `exp`/`nbf`/`iat`, in seconds (0-300). Default: 5.',
      'Example: 10',
    ],
  },
  VERIFIED_TOKEN_CACHE_SIZE: {
    section: 'Logto',
    type: 'int',
    default: 10000,
    min: 0,
    max: 1000000,
    summary: 'verified tokens cached (by hash, until `exp`, or until a JWKS refetch shows a removed key); 0 disables',
    doc: [
      'How many verified access tokens to remember (per instance) so a repeated token skips signature',
      'verification; 0 disables the cache. Default: 10000. Example: 50000',
    ],
  },
  JWT_MAX_AGE_SECONDS: {
    section: 'Logto',
    type: 'int',
    default: 86400,
    min: 60,
    max: 31536000,
    summary: 'longest token lifetime (`exp` − `iat`) accepted, and longest a verified token is cached',
    doc: [
      'Longest lifetime (exp - iat) accepted on a user access token, in seconds; longer-lived tokens are',
      'refused, and no verified token is cached longer than this. Default: 86400. Example: 3600',
    ],
  },
  ALLOWED_CLIENT_IDS: {
    section: 'Logto',
    type: 'list',
    defaultText: 'empty (all)',
    summary: 'Logto app ids whose tokens may call the API',
    doc: [
      'Comma-separated Logto app ids (the token\'s client_id) allowed to call the API. Default: empty',
      '(every app of the tenant that obtains a token for LOGTO_AUDIENCE). Example: app-id-1,app-id-2',
    ],
  },
  REAUTH_CLIENT_IDS: {
    section: 'Logto',
    type: 'list',
    defaultText: 'empty (off)',
    summary: 'apps whose ID tokens may be used for the re-authentication step-up',
    doc: [
      'Comma-separated Logto app ids whose ID tokens may be used for the re-authentication step-up',
      '(POST /me/verifications/reauthentication), for users without password, email or phone.',
      'Default: empty (the method is off). Example: your-spa-app-id',
    ],
  },
  REAUTH_MAX_AGE_SECONDS: {
    section: 'Logto',
    type: 'int',
    default: 300,
    min: 10,
    max: 86400,
    summary: 'how recent a re-authentication ID token\'s `auth_time` must be',
    doc: [
      'How recent the sign-in (auth_time) of a re-authentication ID token must be, in seconds.',
      'Default: 300. Example: 120',
    ],
  },
  ACCOUNT_READ_SCOPE: {
    section: 'Authorization',
    type: 'scope',
    default: 'account:read',
    summary: 'scope required on read routes; empty disables the check',
    doc: [
      'Scope (Logto API resource permission) required on read routes. Empty disables the check.',
      'Default: account:read. Example: profile:read',
    ],
  },
  ACCOUNT_WRITE_SCOPE: {
    section: 'Authorization',
    type: 'scope',
    default: 'account:write',
    summary: 'scope required on routes that change the account; empty disables the check',
    doc: [
      'Scope required on routes that change the account. Empty disables the check.',
      'Default: account:write. Example: profile:write',
    ],
  },
  PORT: {
    section: 'HTTP server',
    type: 'int',
    default: 3000,
    min: 0,
    max: 65535,
    summary: 'TCP port to listen on',
    doc: [
      'TCP port to listen on. Default: 3000. Example: 8080',
    ],
  },
  HOST: {
    section: 'HTTP server',
    type: 'string',
    default: '0.0.0.0',
    summary: 'address to bind',
    doc: [
      'Address to bind. Default: 0.0.0.0 (all interfaces). Example: 127.0.0.1',
    ],
  },
  LOG_LEVEL: {
    section: 'HTTP server',
    type: 'enum',
    values: LOG_LEVELS,
    default: 'info',
    summary: '`fatal` … `trace`, `silent`',
    doc: [
      'Log level (pino): fatal, error, warn, info, debug, trace or silent. Default: info. Example: debug',
    ],
  },
  NODE_ENV: {
    section: 'HTTP server',
    type: 'enum',
    values: NODE_ENVS,
    default: 'production',
    summary: '`development` pretty-prints logs when `pino-pretty` (a dev dependency) is installed; otherwise JSON and a warning',
    doc: [
      'Runtime mode: production, development or test. Default: production. Example: development',
      'development pretty-prints logs through pino-pretty, a dev dependency: in the image (which does not',
      'have it) the service logs JSON and warns. Keep production in containers.',
    ],
  },
  CORS_ORIGINS: {
    section: 'HTTP server',
    type: 'list',
    envExample: 'https://app.example.com',
    defaultText: 'none',
    summary: 'comma list of allowed browser origins',
    doc: [
      'Comma-separated browser origins allowed by CORS. Default: none (no CORS headers are sent).',
      'Example: https://app.example.com,https://admin.example.com',
    ],
  },
  TRUST_PROXY: {
    section: 'HTTP server',
    type: 'trust-proxy',
    default: 'false',
    summary: '`true`, a hop count, or addresses/CIDRs of trusted proxies (client IP for logs and rate limits)',
    doc: [
      'Which proxies to trust for the client address (X-Forwarded-For) and protocol: false, true',
      '(trust every hop; only when the service is unreachable except through the proxy), a hop count,',
      'or a comma-separated list of addresses/CIDRs (also: loopback, linklocal, uniquelocal).',
      'Default: false. Example: 10.0.0.0/8',
    ],
  },
  BODY_LIMIT_BYTES: {
    section: 'HTTP server',
    type: 'int',
    default: 65536,
    min: 1024,
    max: 10 * 1024 * 1024,
    summary: 'request body limit',
    doc: [
      'Maximum request body size, in bytes. Default: 65536. Example: 131072',
    ],
  },
  SHUTDOWN_TIMEOUT_MS: {
    section: 'HTTP server',
    type: 'int',
    default: 10000,
    min: 0,
    max: 120000,
    summary: 'how long SIGTERM waits for in-flight requests',
    doc: [
      'On SIGTERM, how long to wait for in-flight requests before exiting, in milliseconds.',
      'Default: 10000. Example: 20000',
    ],
  },
  READINESS_CACHE_MS: {
    section: 'HTTP server',
    type: 'int',
    default: 2000,
    min: 0,
    max: 600000,
    summary: '`/health/ready` reads Logto at most once per this many ms',
    doc: [
      'GET /health/ready reads Logto at most once per this many milliseconds, however often it is',
      'probed (one read at a time). Default: 2000. Example: 5000',
    ],
  },
  REPLICAS: {
    section: 'HTTP server',
    type: 'int',
    default: 1,
    min: 1,
    max: 10000,
    summary: 'how many instances run; above 1 without `REDIS_URL` the service warns at boot',
    doc: [
      'How many instances run side by side. Above 1 without REDIS_URL the service warns at boot: each',
      'instance would keep its own step-up records, rate limits and idempotency records. Default: 1. Example: 3',
    ],
  },
  METRICS_PORT: {
    section: 'Observability',
    type: 'int',
    min: 1,
    max: 65535,
    envExample: '9464',
    summary: 'serve `/metrics` only on this port',
    doc: [
      'Port for GET /metrics (Prometheus text format), bound to HOST. Set it to keep metrics off the',
      'public port: /metrics then answers 404 there. Default: unset (served on PORT). Example: 9464',
    ],
  },
  REDIS_URL: {
    section: 'Shared state',
    type: 'url',
    protocols: ['redis:', 'rediss:'],
    secret: true,
    envExample: 'redis://localhost:6379',
    summary: 'shared state for several instances (unset: in memory, **single instance only**)',
    doc: [
      'Redis URL for state shared between instances. Optional for a single instance (state is kept',
      'in memory); required when running several instances behind a load balancer.',
      'Default: unset. Example: redis://localhost:6379 (or rediss://user:password@host:6380 for TLS)',
    ],
  },
  KEY_PREFIX: {
    section: 'Shared state',
    type: 'string',
    default: 'account:',
    summary: 'prefix of every Redis key',
    doc: [
      'Prefix of every key this service writes to Redis. Default: account:. Example: acct-prod:',
    ],
  },
  MEMORY_STORE_MAX_BYTES: {
    section: 'Shared state',
    type: 'int',
    default: 64 * 1024 * 1024,
    min: 1024 * 1024,
    max: 16 * 1024 * 1024 * 1024,
    summary: 'without Redis: bytes of all users\' idempotency records together; oldest evicted first',
    doc: [
      'Without REDIS_URL only: bound on the memory all users\' idempotency records take together, in',
      'bytes; past it the oldest records (of any user) are evicted first. With Redis, bound Redis itself',
      '(maxmemory with the noeviction policy). Default: 67108864 (64 MiB). Example: 268435456',
    ],
  },
  REFERENCE_CACHE_TTL_SECONDS: {
    section: 'Shared state',
    type: 'int',
    default: 60,
    min: 0,
    max: 86_400,
    summary: 'how long tenant-wide reference data (Logto\'s connector list) is cached, in memory or in Redis with `REDIS_URL`; 0: not cached',
    doc: [
      'How long tenant-wide reference data read from Logto (today: the connector list that GET /me/identities',
      'and social linking need) is cached: in memory, or in Redis when REDIS_URL is set. Logto sends no webhook',
      'for connector changes, so this bounds how stale it can be. 0 turns the cache off. Default: 60',
    ],
  },
  RATE_LIMIT_PER_USER_PER_MINUTE: {
    section: 'Rate limits',
    type: 'int',
    default: 120,
    min: 1,
    max: 1_000_000,
    summary: 'requests per minute one user may make to `/me` routes (over it: 429)',
    doc: [
      'Requests per minute one user may make to the /me routes. Over it: 429 rate_limit.exceeded with',
      'Retry-After. Default: 120. Example: 300',
    ],
  },
  RATE_LIMIT_PER_IP_PER_MINUTE: {
    section: 'Rate limits',
    type: 'int',
    default: 1200,
    min: 1,
    max: 10_000_000,
    summary: 'requests per minute one client address may make, counted before the token is checked',
    doc: [
      'Requests per minute one client address may make, counted before the access token is checked so',
      'floods of invalid tokens are limited too. The address is the one TRUST_PROXY yields: behind a',
      'proxy, set TRUST_PROXY or every client shares the proxy\'s address. Default: 1200. Example: 600',
    ],
  },
  CUSTOM_DATA_SCHEMA: {
    section: 'Custom data',
    type: 'string',
    envExample: '/etc/account-service/custom-data.schema.json',
    summary: 'JSON Schema file (draft-07, 2019-09 or 2020-12) declaring user-visible custom data; checked at start-up ([docs/custom-data.md](docs/custom-data.md))',
    doc: [
      'Path to a JSON Schema declaring the keys of Logto\'s customData that users may see and edit.',
      'Draft-07, 2019-09 or 2020-12, chosen by the file\'s "$schema" (none: 2020-12). A file that cannot be',
      'read, is not JSON or is not a valid schema stops the service at start-up with the other config',
      'problems. Fields with format uri/url/iri take http(s) URLs only. See docs/custom-data.md.',
      'Optional. Default: unset. Example: /etc/account-service/custom-data.schema.json',
    ],
  },
  STEP_UP_MAX_AGE_SECONDS: {
    section: 'Account features',
    type: 'int',
    default: 600,
    min: 30,
    max: 86400,
    summary: 'lifetime of a verification record',
    doc: [
      'How long a step-up verification (password or code) stays valid for sensitive changes, in seconds.',
      'Default: 600. Example: 300',
    ],
  },
  SUSPENSION_CACHE_SECONDS: {
    section: 'Account features',
    type: 'int',
    default: 30,
    min: 0,
    max: 3600,
    summary: 'how long reads may trust a cached suspension status (writes read it fresh)',
    doc: [
      'How long read routes may trust a cached "not suspended" status of a user, in seconds; routes that',
      'change the account always read it fresh from Logto. The webhook (LOGTO_WEBHOOK_SIGNING_KEY)',
      'updates it at once. Default: 30. Example: 10',
    ],
  },
  IDEMPOTENCY_MAX_RECORDS_PER_USER: {
    section: 'Account features',
    type: 'int',
    default: 100,
    min: 1,
    max: 10000,
    summary: 'idempotency records kept per user; oldest evicted first',
    doc: [
      'Idempotency records kept per user for replay (the newest first): at most this many, and at most',
      'this many bytes in all; the oldest are evicted first. Defaults: 100 and 1048576 (1 MiB).',
    ],
  },
  IDEMPOTENCY_MAX_BYTES_PER_USER: {
    section: 'Account features',
    type: 'int',
    default: 1048576,
    min: 1024,
    max: 104857600,
    summary: 'bytes of idempotency records kept per user; oldest evicted first',
    doc: [
      'Bytes of stored responses per user (see above).',
    ],
  },
  SOCIAL_REDIRECT_URIS: {
    section: 'Account features',
    type: 'list',
    envExample: 'https://app.example.com/account/linked',
    defaultText: 'none',
    summary: 'exact redirect URIs allowed for social linking',
    doc: [
      'Comma-separated exact redirect URIs allowed when linking a social identity. Default: none (linking',
      'is refused). Example: https://app.example.com/account/linked,myapp://account/linked',
    ],
  },
  TOTP_ISSUER: {
    section: 'Account features',
    type: 'string',
    default: 'logto-account-service',
    summary: 'issuer shown in authenticator apps',
    doc: [
      'Issuer name shown in authenticator apps for TOTP. Default: logto-account-service. Example: Acme',
    ],
  },
  DELETION_GRACE_PERIOD_DAYS: {
    section: 'Account features',
    type: 'int',
    default: 0,
    min: 0,
    max: 365,
    summary: '0 deletes at once; more schedules the deletion',
    doc: [
      'Days between a user\'s deletion request and the deletion. 0 deletes at once. Default: 0. Example: 14',
    ],
  },
  DELETION_SWEEP_INTERVAL_SECONDS: {
    section: 'Account features',
    type: 'int',
    default: 300,
    min: 1,
    max: 86400,
    summary: 'how often each instance looks for due deletions',
    doc: [
      'How often each instance looks for accounts whose deletion is due, in seconds. Default: 300. Example: 60',
    ],
  },
  ACCOUNT_CENTER_ENABLED: {
    section: 'Account center',
    type: 'enum',
    values: ['true', 'false'],
    default: 'false',
    summary: 'serve the reference account settings app at `/account` ([packages/account-center](packages/account-center/README.md))',
    doc: [
      'true: serve the account center (the reference account settings app) at /account, with its own strict',
      'Content-Security-Policy, and its runtime settings at /account/config.json. Default: false',
    ],
  },
  ACCOUNT_CENTER_DIR: {
    section: 'Account center',
    type: 'string',
    default: DEFAULT_ACCOUNT_CENTER_DIR,
    summary: 'its built static files (`index.html`, `assets/`); the service refuses to start when enabled without them',
    doc: [
      'Directory of the account center\'s built files (npm run build:account-center). Default:',
      'packages/account-center/dist (also where the Docker image has it).',
    ],
  },
  ACCOUNT_CENTER_APP_ID: {
    section: 'Account center',
    type: 'string',
    summary: 'id of the Logto single-page app it signs users in with (required when enabled)',
    doc: [
      'The Logto application (type: single page app) the account center signs users in with; its redirect',
      'URI and post sign-out URI are <this service\'s public URL>/account/. Required when enabled.',
    ],
  },
  ACCOUNT_CENTER_LOGTO_ENDPOINT: {
    section: 'Account center',
    type: 'url',
    defaultText: '`LOGTO_ENDPOINT`',
    summary: 'Logto as browsers reach it (sign-in redirects and the page\'s CSP)',
    doc: [
      'The Logto endpoint as users\' browsers reach it, when it differs from LOGTO_ENDPOINT (e.g. in',
      'docker-compose). Default: LOGTO_ENDPOINT',
    ],
  },
  ACCOUNT_CENTER_SERVICE_URL: {
    section: 'Account center',
    type: 'url',
    defaultText: 'the page\'s own origin',
    summary: 'this service\'s public URL as the account center should call it',
    doc: [
      'The public URL of this service that the account center calls. Default: the origin the page was',
      'served from.',
    ],
  },
} as const satisfies Record<string, ConfigVariable>;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;

/** The section headings of .env.example, in order, with the line under each. */
export const CONFIG_SECTIONS: ReadonlyArray<{ section: ConfigSection; heading: string; note?: readonly string[] }> = [
  { section: 'Logto', heading: 'Logto' },
  { section: 'Authorization', heading: 'Authorization' },
  { section: 'HTTP server', heading: 'HTTP server' },
  {
    section: 'Observability',
    heading: 'Observability',
    note: [
      'Traces: the OpenTelemetry SDK is configured only through the standard OTEL_* variables and is not',
      'loaded at all until an exporter is named (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,',
      'OTEL_TRACES_EXPORTER or OTEL_CONFIG_FILE). Default: unset (no tracing). For example, with the compose',
      'observability profile: OTEL_EXPORTER_OTLP_ENDPOINT set to http://otel-collector:4318, and optionally',
      'OTEL_TRACES_SAMPLER set to parentbased_traceidratio with OTEL_TRACES_SAMPLER_ARG 0.1 to keep 10%.',
      'OTEL_SERVICE_NAME defaults to logto-account-service.',
    ],
  },
  { section: 'Shared state', heading: 'Shared state' },
  { section: 'Rate limits', heading: 'Rate limits (counted in the shared store, so over all instances when REDIS_URL is set)' },
  { section: 'Custom data', heading: 'Custom data' },
  { section: 'Account features', heading: 'Account features' },
  { section: 'Account center', heading: 'Account center (the reference account settings app)' },
];
