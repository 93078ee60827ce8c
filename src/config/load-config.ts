import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { CustomDataSchemaError, loadCustomDataSchema } from '../profile/custom-data-schema.js';
import type { AccountCenterConfig, AllConfig, AuthConfig, NodeEnv, ServerConfig } from './app-config.js';

/** Algorithms a Logto tenant can sign access tokens with; symmetric ones are never accepted. */
export const ASYMMETRIC_ALGORITHMS = [
  'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS: NodeEnv[] = ['production', 'development', 'test'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Reads and validates every variable. Messages name the variable and never print a value of a secret.
 */
export function loadConfig(env: Env): AllConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const endpoint = read.url('LOGTO_ENDPOINT', { required: true })?.replace(/\/+$/, '') ?? '';
  const issuer = read.url('LOGTO_ISSUER') ?? (endpoint ? `${endpoint}/oidc` : '');

  const server: ServerConfig = {
    nodeEnv: read.oneOf('NODE_ENV', NODE_ENVS, 'production'),
    port: read.int('PORT', 3000, { min: 0, max: 65535 }),
    host: read.string('HOST') ?? '0.0.0.0',
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    corsOrigins: read.list('CORS_ORIGINS').filter((origin) => {
      if (origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin)) return true;
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path)`);
      return false;
    }),
    trustProxy: read.trustProxy('TRUST_PROXY'),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES', 65536, { min: 1024, max: 10 * 1024 * 1024 }),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10000, { min: 0, max: 120000 }),
    metricsPort: read.string('METRICS_PORT') === undefined ? undefined : read.int('METRICS_PORT', 0, { min: 1, max: 65535 }),
    readinessCacheMs: read.int('READINESS_CACHE_MS', 2000, { min: 0, max: 600000 }),
    replicas: read.int('REPLICAS', 1, { min: 1, max: 10000 }),
  };
  if (server.metricsPort !== undefined && server.metricsPort === server.port) {
    problems.push('METRICS_PORT: must differ from PORT (metrics are served on their own port)');
  }

  const logto = {
    endpoint,
    issuer,
    audience: read.string('LOGTO_AUDIENCE', { required: true }) ?? '',
    m2mAppId: read.string('LOGTO_M2M_APP_ID', { required: true }) ?? '',
    m2mAppSecret: read.string('LOGTO_M2M_APP_SECRET', { required: true, secret: true }) ?? '',
    managementResource: read.string('LOGTO_MANAGEMENT_RESOURCE') ?? 'https://default.logto.app/api',
    timeoutMs: read.int('LOGTO_TIMEOUT_MS', 5000, { min: 100, max: 120000 }),
    breakerHalfOpenMs: read.int('LOGTO_BREAKER_HALF_OPEN_MS', 5000, { min: 100, max: 600000 }),
    webhookSigningKey: read.string('LOGTO_WEBHOOK_SIGNING_KEY', { secret: true }),
  };

  const algorithms = read.list('JWT_ALGORITHMS', ['ES384']);
  for (const alg of algorithms) {
    if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)) {
      problems.push(`JWT_ALGORITHMS: "${alg}" is not an accepted asymmetric algorithm (${ASYMMETRIC_ALGORITHMS.join(', ')})`);
    }
  }
  if (algorithms.length === 0) problems.push('JWT_ALGORITHMS: at least one algorithm is required');

  const auth: AuthConfig = {
    algorithms,
    jwksCooldownSeconds: read.int('JWKS_COOLDOWN_SECONDS', 30, { min: 0, max: 86400 }),
    jwksCacheMaxAgeSeconds: read.int('JWKS_CACHE_MAX_AGE_SECONDS', 600, { min: 1, max: 86400 }),
    clockToleranceSeconds: read.int('JWT_CLOCK_TOLERANCE_SECONDS', 5, { min: 0, max: 300 }),
    readScope: read.scope('ACCOUNT_READ_SCOPE', 'account:read'),
    writeScope: read.scope('ACCOUNT_WRITE_SCOPE', 'account:write'),
    verifiedTokenCacheSize: read.int('VERIFIED_TOKEN_CACHE_SIZE', 10000, { min: 0, max: 1000000 }),
    maxTokenAgeSeconds: read.int('JWT_MAX_AGE_SECONDS', 86400, { min: 60, max: 31536000 }),
    allowedClientIds: read.list('ALLOWED_CLIENT_IDS'),
    reauthClientIds: read.list('REAUTH_CLIENT_IDS'),
    reauthMaxAgeSeconds: read.int('REAUTH_MAX_AGE_SECONDS', 300, { min: 10, max: 86400 }),
  };

  // A key set that expires sooner than the cooldown would be refetched more often than the cooldown allows:
  // jose reloads a stale set whatever the cooldown says. (An out-of-range cooldown has its own message.)
  if (auth.jwksCacheMaxAgeSeconds < auth.jwksCooldownSeconds && auth.jwksCooldownSeconds <= 86400) {
    problems.push(
      `JWKS_CACHE_MAX_AGE_SECONDS: ${auth.jwksCacheMaxAgeSeconds} is shorter than JWKS_COOLDOWN_SECONDS (${auth.jwksCooldownSeconds}); ` +
        'the key set must be kept at least one cooldown',
    );
  }

  const store = {
    redisUrl: read.url('REDIS_URL', { protocols: ['redis:', 'rediss:'], secret: true }),
    keyPrefix: read.string('KEY_PREFIX') ?? 'account:',
    memoryMaxBytes: read.int('MEMORY_STORE_MAX_BYTES', 64 * 1024 * 1024, { min: 1024 * 1024, max: 16 * 1024 * 1024 * 1024 }),
  };

  const rateLimit = {
    perUserPerMinute: read.int('RATE_LIMIT_PER_USER_PER_MINUTE', 120, { min: 1, max: 1_000_000 }),
    perIpPerMinute: read.int('RATE_LIMIT_PER_IP_PER_MINUTE', 1200, { min: 1, max: 10_000_000 }),
  };

  const customDataSchemaPath = read.string('CUSTOM_DATA_SCHEMA');
  const account = {
    customDataSchemaPath,
    customDataSchema: customDataSchemaPath === undefined ? undefined : readCustomDataSchema(customDataSchemaPath, problems),
    stepUpMaxAgeSeconds: read.int('STEP_UP_MAX_AGE_SECONDS', 600, { min: 30, max: 86400 }),
    socialRedirectUris: read.list('SOCIAL_REDIRECT_URIS').filter((uri) => {
      try {
        new URL(uri);
        return true;
      } catch {
        problems.push(`SOCIAL_REDIRECT_URIS: "${uri}" is not an absolute URI`);
        return false;
      }
    }),
    totpIssuer: read.string('TOTP_ISSUER') ?? 'logto-account-service',
    deletionGracePeriodDays: read.int('DELETION_GRACE_PERIOD_DAYS', 0, { min: 0, max: 365 }),
    deletionSweepIntervalSeconds: read.int('DELETION_SWEEP_INTERVAL_SECONDS', 300, { min: 1, max: 86400 }),
    suspensionCacheSeconds: read.int('SUSPENSION_CACHE_SECONDS', 30, { min: 0, max: 3600 }),
    idempotencyMaxRecordsPerUser: read.int('IDEMPOTENCY_MAX_RECORDS_PER_USER', 100, { min: 1, max: 10000 }),
    idempotencyMaxBytesPerUser: read.int('IDEMPOTENCY_MAX_BYTES_PER_USER', 1048576, { min: 1024, max: 104857600 }),
  };

  const accountCenter = readAccountCenter(read, endpoint, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return { server, logto, auth, store, rateLimit, account, accountCenter };
}

/** Where the account center's build lands in this repository (and in the image, under its working directory). */
export const DEFAULT_ACCOUNT_CENTER_DIR = 'packages/account-center/dist';

function readAccountCenter(read: EnvReader, logtoEndpoint: string, problems: string[]): AccountCenterConfig {
  const enabled = read.bool('ACCOUNT_CENTER_ENABLED', false);
  const dir = resolve(read.string('ACCOUNT_CENTER_DIR') ?? DEFAULT_ACCOUNT_CENTER_DIR);
  const appId = read.string('ACCOUNT_CENTER_APP_ID', { required: enabled }) ?? '';
  const browserLogto = read.url('ACCOUNT_CENTER_LOGTO_ENDPOINT')?.replace(/\/+$/, '') ?? logtoEndpoint;
  const serviceUrl = read.url('ACCOUNT_CENTER_SERVICE_URL')?.replace(/\/+$/, '');
  if (enabled && !existsSync(join(dir, 'index.html'))) {
    problems.push(`ACCOUNT_CENTER_DIR: no index.html in ${dir} (build it: npm run build -w packages/account-center)`);
  }
  return { enabled, dir, appId, logtoEndpoint: browserLogto, serviceUrl };
}

/** The operator's custom-data schema, read and compiled now, so a bad one is reported with every other problem. */
function readCustomDataSchema(path: string, problems: string[]): Record<string, unknown> | undefined {
  try {
    return loadCustomDataSchema(path).document;
  } catch (error) {
    if (!(error instanceof CustomDataSchemaError)) throw error;
    problems.push(`CUSTOM_DATA_SCHEMA: ${error.message}`);
    return undefined;
  }
}

class EnvReader {
  constructor(private readonly env: Env, private readonly problems: string[]) {}

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, opts: { required?: boolean; secret?: boolean } = {}): string | undefined {
    const value = this.raw(name);
    if (value === undefined && opts.required) this.problems.push(`${name}: required`);
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (value !== 'true' && value !== 'false') {
      this.problems.push(`${name}: "${value}" is not true or false`);
      return fallback;
    }
    return value === 'true';
  }

  /** A scope setting: unset → the default; set to an empty string → the check is disabled. */
  scope(name: string, fallback: string): string {
    if (this.env[name] === undefined) return fallback;
    const value = this.env[name].trim();
    if (/\s/.test(value)) this.problems.push(`${name}: must be a single scope without spaces`);
    return value;
  }

  url(name: string, opts: { required?: boolean; protocols?: string[]; secret?: boolean } = {}): string | undefined {
    const value = this.string(name, opts);
    if (value === undefined) return undefined;
    const protocols = opts.protocols ?? ['http:', 'https:'];
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name}: must be a ${protocols.join(' or ')} URL`);
      }
    } catch {
      // A secret URL (with credentials) is never echoed.
      this.problems.push(opts.secret ? `${name}: not a valid URL` : `${name}: "${value}" is not a valid URL`);
    }
    return value;
  }

  int(name: string, fallback: number, range: { min: number; max: number }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) {
      this.problems.push(`${name}: "${value}" is not a whole number`);
      return fallback;
    }
    const n = Number(value);
    if (n < range.min || n > range.max) {
      this.problems.push(`${name}: ${n} is outside ${range.min}..${range.max}`);
    }
    return n;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name}: "${value}" is not one of ${allowed.join(', ')}`);
      return fallback;
    }
    return value as T;
  }

  list(name: string, fallback: string[] = []): string[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }

  trustProxy(name: string): boolean | number | string[] {
    const value = this.raw(name);
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = this.list(name);
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const valid = isIP(address) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
      if (!valid && !['loopback', 'linklocal', 'uniquelocal'].includes(entry)) {
        this.problems.push(`${name}: "${entry}" is not true, false, a hop count, an IP address or a CIDR range`);
      }
    }
    return entries;
  }
}
