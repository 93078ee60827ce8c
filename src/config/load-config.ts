import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { CustomDataSchemaError, loadCustomDataSchema } from '../profile/custom-data-schema.js';
import type { AccountCenterConfig, AllConfig, AuthConfig, ServerConfig } from './app-config.js';
import { ASYMMETRIC_ALGORITHMS, CONFIG_VARIABLES, type ConfigVariable, type ConfigVariableName } from './config-variables.js';

export { ASYMMETRIC_ALGORITHMS };

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

  const endpoint = read.url('LOGTO_ENDPOINT')?.replace(/\/+$/, '') ?? '';
  const issuer = read.url('LOGTO_ISSUER') ?? (endpoint ? `${endpoint}/oidc` : '');

  const server: ServerConfig = {
    nodeEnv: read.oneOf('NODE_ENV'),
    port: read.int('PORT'),
    host: read.string('HOST'),
    logLevel: read.oneOf('LOG_LEVEL'),
    corsOrigins: read.list('CORS_ORIGINS').filter((origin) => {
      if (origin === '*' || /^https?:\/\/[^/\s]+$/.test(origin)) return true;
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path)`);
      return false;
    }),
    trustProxy: read.trustProxy('TRUST_PROXY'),
    bodyLimitBytes: read.int('BODY_LIMIT_BYTES'),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS'),
    metricsPort: read.int('METRICS_PORT'),
    readinessCacheMs: read.int('READINESS_CACHE_MS'),
    replicas: read.int('REPLICAS'),
  };
  if (server.metricsPort !== undefined && server.metricsPort === server.port) {
    problems.push('METRICS_PORT: must differ from PORT (metrics are served on their own port)');
  }

  const logto = {
    endpoint,
    issuer,
    audience: read.string('LOGTO_AUDIENCE') ?? '',
    m2mAppId: read.string('LOGTO_M2M_APP_ID') ?? '',
    m2mAppSecret: read.string('LOGTO_M2M_APP_SECRET') ?? '',
    managementResource: read.string('LOGTO_MANAGEMENT_RESOURCE'),
    timeoutMs: read.int('LOGTO_TIMEOUT_MS'),
    breakerHalfOpenMs: read.int('LOGTO_BREAKER_HALF_OPEN_MS'),
    webhookSigningKey: read.string('LOGTO_WEBHOOK_SIGNING_KEY'),
  };

  const algorithms = read.list('JWT_ALGORITHMS');
  for (const alg of algorithms) {
    if (!(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(alg)) {
      problems.push(`JWT_ALGORITHMS: "${alg}" is not an accepted asymmetric algorithm (${ASYMMETRIC_ALGORITHMS.join(', ')})`);
    }
  }
  if (algorithms.length === 0) problems.push('JWT_ALGORITHMS: at least one algorithm is required');

  const auth: AuthConfig = {
    algorithms,
    jwksCooldownSeconds: read.int('JWKS_COOLDOWN_SECONDS'),
    jwksCacheMaxAgeSeconds: read.int('JWKS_CACHE_MAX_AGE_SECONDS'),
    clockToleranceSeconds: read.int('JWT_CLOCK_TOLERANCE_SECONDS'),
    readScope: read.scope('ACCOUNT_READ_SCOPE'),
    writeScope: read.scope('ACCOUNT_WRITE_SCOPE'),
    verifiedTokenCacheSize: read.int('VERIFIED_TOKEN_CACHE_SIZE'),
    maxTokenAgeSeconds: read.int('JWT_MAX_AGE_SECONDS'),
    allowedClientIds: read.list('ALLOWED_CLIENT_IDS'),
    reauthClientIds: read.list('REAUTH_CLIENT_IDS'),
    reauthMaxAgeSeconds: read.int('REAUTH_MAX_AGE_SECONDS'),
  };

  // A key set that expires sooner than the cooldown would be refetched more often than the cooldown allows:
  // jose reloads a stale set whatever the cooldown says. (An out-of-range cooldown has its own message.)
  if (auth.jwksCacheMaxAgeSeconds < auth.jwksCooldownSeconds && auth.jwksCooldownSeconds <= CONFIG_VARIABLES.JWKS_COOLDOWN_SECONDS.max) {
    problems.push(
      `JWKS_CACHE_MAX_AGE_SECONDS: ${auth.jwksCacheMaxAgeSeconds} is shorter than JWKS_COOLDOWN_SECONDS (${auth.jwksCooldownSeconds}); ` +
        'the key set must be kept at least one cooldown',
    );
  }

  const store = {
    redisUrl: read.url('REDIS_URL'),
    keyPrefix: read.string('KEY_PREFIX'),
    memoryMaxBytes: read.int('MEMORY_STORE_MAX_BYTES'),
    referenceCacheTtlSeconds: read.int('REFERENCE_CACHE_TTL_SECONDS'),
  };

  const rateLimit = {
    perUserPerMinute: read.int('RATE_LIMIT_PER_USER_PER_MINUTE'),
    perIpPerMinute: read.int('RATE_LIMIT_PER_IP_PER_MINUTE'),
  };

  const customDataSchemaPath = read.string('CUSTOM_DATA_SCHEMA');
  const account = {
    customDataSchemaPath,
    customDataSchema: customDataSchemaPath === undefined ? undefined : readCustomDataSchema(customDataSchemaPath, problems),
    stepUpMaxAgeSeconds: read.int('STEP_UP_MAX_AGE_SECONDS'),
    socialRedirectUris: read.list('SOCIAL_REDIRECT_URIS').filter((uri) => {
      try {
        new URL(uri);
        return true;
      } catch {
        problems.push(`SOCIAL_REDIRECT_URIS: "${uri}" is not an absolute URI`);
        return false;
      }
    }),
    totpIssuer: read.string('TOTP_ISSUER'),
    deletionGracePeriodDays: read.int('DELETION_GRACE_PERIOD_DAYS'),
    deletionSweepIntervalSeconds: read.int('DELETION_SWEEP_INTERVAL_SECONDS'),
    suspensionCacheSeconds: read.int('SUSPENSION_CACHE_SECONDS'),
    idempotencyMaxRecordsPerUser: read.int('IDEMPOTENCY_MAX_RECORDS_PER_USER'),
    idempotencyMaxBytesPerUser: read.int('IDEMPOTENCY_MAX_BYTES_PER_USER'),
  };

  const accountCenter = readAccountCenter(read, endpoint, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return { server, logto, auth, store, rateLimit, account, accountCenter };
}

export { DEFAULT_ACCOUNT_CENTER_DIR } from './config-variables.js';

function readAccountCenter(read: EnvReader, logtoEndpoint: string, problems: string[]): AccountCenterConfig {
  const enabled = read.oneOf('ACCOUNT_CENTER_ENABLED') === 'true';
  const dir = resolve(read.string('ACCOUNT_CENTER_DIR'));
  const appId = read.string('ACCOUNT_CENTER_APP_ID') ?? '';
  if (enabled && appId === '') problems.push('ACCOUNT_CENTER_APP_ID: required when ACCOUNT_CENTER_ENABLED=true');
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

type Variables = typeof CONFIG_VARIABLES;
/** The names of the table's variables of one type, so a reader method only accepts those. */
type NamesOf<T extends ConfigVariable['type']> = { [N in ConfigVariableName]: Variables[N]['type'] extends T ? N : never }[ConfigVariableName];
/** A variable with a default always has a value; one without may be unset. */
type ValueOf<N extends ConfigVariableName, V> = Variables[N] extends { default: unknown } ? V : V | undefined;

/** Reads each variable as the table declares it: type, default, range, required, secret. */
class EnvReader {
  constructor(private readonly env: Env, private readonly problems: string[]) {}

  private spec(name: ConfigVariableName): ConfigVariable {
    return CONFIG_VARIABLES[name];
  }

  private raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  private present(name: ConfigVariableName): string | undefined {
    const value = this.raw(name);
    if (value === undefined && this.spec(name).required) this.problems.push(`${name}: required`);
    return value;
  }

  string<N extends NamesOf<'string'>>(name: N): ValueOf<N, string> {
    const spec = this.spec(name);
    return (this.present(name) ?? (spec.type === 'string' ? spec.default : undefined)) as ValueOf<N, string>;
  }

  /** Set to an empty string: the check is disabled (unset: the default). */
  scope(name: NamesOf<'scope'>): string {
    const spec = this.spec(name);
    const raw = this.env[name];
    if (raw === undefined) return spec.type === 'scope' ? spec.default : '';
    const value = raw.trim();
    if (/\s/.test(value)) this.problems.push(`${name}: must be a single scope without spaces`);
    return value;
  }

  url(name: NamesOf<'url'>): string | undefined {
    const spec = this.spec(name);
    const value = this.present(name);
    if (value === undefined) return undefined;
    const protocols = (spec.type === 'url' ? spec.protocols : undefined) ?? ['http:', 'https:'];
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) {
        this.problems.push(`${name}: must be a ${protocols.join(' or ')} URL`);
      }
    } catch {
      // A secret URL (with credentials) is never echoed.
      this.problems.push(spec.secret ? `${name}: not a valid URL` : `${name}: "${value}" is not a valid URL`);
    }
    return value;
  }

  int<N extends NamesOf<'int'>>(name: N): ValueOf<N, number> {
    const spec = this.spec(name);
    if (spec.type !== 'int') throw new Error(`${name} is not an integer variable`);
    const value = this.present(name);
    if (value === undefined) return spec.default as ValueOf<N, number>;
    if (!/^\d+$/.test(value)) {
      this.problems.push(`${name}: "${value}" is not a whole number`);
      return spec.default as ValueOf<N, number>;
    }
    const n = Number(value);
    if (n < spec.min || n > spec.max) {
      this.problems.push(`${name}: ${n} is outside ${spec.min}..${spec.max}`);
    }
    return n;
  }

  oneOf<N extends NamesOf<'enum'>>(name: N): Extract<Variables[N], { type: 'enum' }>['values'][number] {
    type Value = Extract<Variables[N], { type: 'enum' }>['values'][number];
    const spec = this.spec(name);
    if (spec.type !== 'enum') throw new Error(`${name} is not an enumerated variable`);
    const value = this.present(name);
    if (value === undefined) return spec.default as Value;
    if (!spec.values.includes(value)) {
      this.problems.push(`${name}: "${value}" is not one of ${spec.values.join(', ')}`);
      return spec.default as Value;
    }
    return value as Value;
  }

  list(name: NamesOf<'list' | 'trust-proxy'>): string[] {
    const spec = this.spec(name);
    const value = this.present(name);
    if (value === undefined) return spec.type === 'list' && spec.default ? [...spec.default] : [];
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }

  trustProxy(name: NamesOf<'trust-proxy'>): boolean | number | string[] {
    const value = this.present(name);
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
