import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './load-config.js';

const REQUIRED = {
  LOGTO_ENDPOINT: 'https://tenant.logto.app/',
  LOGTO_AUDIENCE: 'https://account.example.com',
  LOGTO_M2M_APP_ID: 'm2m-app',
  LOGTO_M2M_APP_SECRET: 'super-secret-value',
};

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('loadConfig accepted the environment');
}

describe('loadConfig', () => {
  it('names every missing required variable in one message', () => {
    const message = problemsOf({});
    for (const name of Object.keys(REQUIRED)) expect(message).toContain(`${name}: required`);
    expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(4);
  });

  it('collects every invalid value at once, naming the variable', () => {
    const message = problemsOf({
      ...REQUIRED,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      JWT_ALGORITHMS: 'HS256',
      CORS_ORIGINS: 'https://app.example.com/path',
      TRUST_PROXY: 'not-an-address',
      LOGTO_TIMEOUT_MS: '5',
      SOCIAL_REDIRECT_URIS: 'not a uri',
    });
    for (const name of ['PORT', 'LOG_LEVEL', 'JWT_ALGORITHMS', 'CORS_ORIGINS', 'TRUST_PROXY', 'LOGTO_TIMEOUT_MS', 'SOCIAL_REDIRECT_URIS']) {
      expect(message).toContain(`${name}:`);
    }
  });

  it('never prints the value of a secret', () => {
    const message = problemsOf({ ...REQUIRED, LOGTO_ENDPOINT: '', REDIS_URL: 'redis://:hunter2@[bad' });
    expect(message).toContain('REDIS_URL');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('super-secret-value');
  });

  it('applies the documented defaults and derives the issuer', () => {
    const config = loadConfig(REQUIRED);
    expect(config.logto).toMatchObject({
      endpoint: 'https://tenant.logto.app',
      issuer: 'https://tenant.logto.app/oidc',
      managementResource: 'https://default.logto.app/api',
      timeoutMs: 5000,
      breakerHalfOpenMs: 5000,
    });
    expect(config.server).toMatchObject({ port: 3000, host: '0.0.0.0', logLevel: 'info', corsOrigins: [], trustProxy: false, bodyLimitBytes: 65536 });
    expect(config.auth).toMatchObject({ algorithms: ['ES384'], jwksCooldownSeconds: 30, jwksCacheMaxAgeSeconds: 600, readScope: 'account:read', writeScope: 'account:write' });
    expect(config.store).toEqual({ redisUrl: undefined, keyPrefix: 'account:', memoryMaxBytes: 67108864, referenceCacheTtlSeconds: 60 });
  });

  it('lets an empty scope setting disable the check, and parses TRUST_PROXY forms', () => {
    expect(loadConfig({ ...REQUIRED, ACCOUNT_READ_SCOPE: '' }).auth.readScope).toBe('');
    expect(loadConfig({ ...REQUIRED, TRUST_PROXY: 'true' }).server.trustProxy).toBe(true);
    expect(loadConfig({ ...REQUIRED, TRUST_PROXY: '2' }).server.trustProxy).toBe(2);
    expect(loadConfig({ ...REQUIRED, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).server.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
  });

  describe('JWKS_CACHE_MAX_AGE_SECONDS', () => {
    it('is read in seconds, and may equal the cooldown', () => {
      expect(loadConfig({ ...REQUIRED, JWKS_CACHE_MAX_AGE_SECONDS: '3600' }).auth.jwksCacheMaxAgeSeconds).toBe(3600);
      expect(loadConfig({ ...REQUIRED, JWKS_COOLDOWN_SECONDS: '120', JWKS_CACHE_MAX_AGE_SECONDS: '120' }).auth).toMatchObject({
        jwksCooldownSeconds: 120,
        jwksCacheMaxAgeSeconds: 120,
      });
      expect(loadConfig({ ...REQUIRED, JWKS_COOLDOWN_SECONDS: '0', JWKS_CACHE_MAX_AGE_SECONDS: '1' }).auth.jwksCacheMaxAgeSeconds).toBe(1);
    });

    it('must not be shorter than JWKS_COOLDOWN_SECONDS, and says so naming both', () => {
      const message = problemsOf({ ...REQUIRED, JWKS_COOLDOWN_SECONDS: '60', JWKS_CACHE_MAX_AGE_SECONDS: '59' });
      expect(message).toContain('JWKS_CACHE_MAX_AGE_SECONDS: 59 is shorter than JWKS_COOLDOWN_SECONDS (60)');
      // The default max age (600) against a longer cooldown is the same mistake.
      expect(problemsOf({ ...REQUIRED, JWKS_COOLDOWN_SECONDS: '900' })).toContain('JWKS_CACHE_MAX_AGE_SECONDS: 600 is shorter than JWKS_COOLDOWN_SECONDS (900)');
    });

    it.each([
      ['0', 'JWKS_CACHE_MAX_AGE_SECONDS: 0 is outside 1..86400'],
      ['86401', 'JWKS_CACHE_MAX_AGE_SECONDS: 86401 is outside 1..86400'],
      ['10m', 'JWKS_CACHE_MAX_AGE_SECONDS: "10m" is not a whole number'],
    ])('rejects %s', (value, problem) => {
      const message = problemsOf({ ...REQUIRED, JWKS_COOLDOWN_SECONDS: '0', JWKS_CACHE_MAX_AGE_SECONDS: value });
      expect(message).toContain(problem);
    });

    it('does not add a comparison to an out-of-range cooldown, which has its own message', () => {
      const message = problemsOf({ ...REQUIRED, JWKS_COOLDOWN_SECONDS: '90000' });
      expect(message).toContain('JWKS_COOLDOWN_SECONDS: 90000 is outside 0..86400');
      expect(message).not.toContain('JWKS_CACHE_MAX_AGE_SECONDS');
    });
  });

  describe('CUSTOM_DATA_SCHEMA', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custom-data-schema-'));
    let n = 0;
    const schemaFile = (content: string): string => {
      n += 1;
      const path = join(dir, `schema-${n}.json`);
      writeFileSync(path, content);
      return path;
    };
    const properties = { theme: { enum: ['light', 'dark'] }, plan: { type: 'string', readOnly: true } };

    it.each([
      ['draft-07', 'http://json-schema.org/draft-07/schema#'],
      ['draft-07 without the empty fragment', 'http://json-schema.org/draft-07/schema'],
      ['2019-09', 'https://json-schema.org/draft/2019-09/schema'],
      ['2020-12', 'https://json-schema.org/draft/2020-12/schema'],
      ['no $schema (2020-12)', undefined],
    ])('accepts a %s schema and keeps it for the policy', (_name, $schema) => {
      const document = { $schema, type: 'object', properties };
      const config = loadConfig({ ...REQUIRED, CUSTOM_DATA_SCHEMA: schemaFile(JSON.stringify(document)) });
      expect(config.account.customDataSchema).toEqual(JSON.parse(JSON.stringify(document)));
    });

    it.each([
      ['an unreadable file', () => join(dir, 'missing.json'), /CUSTOM_DATA_SCHEMA: cannot read .*missing\.json \(ENOENT\)/],
      ['a file that is not JSON', () => schemaFile('{"type": "object",'), /CUSTOM_DATA_SCHEMA: .* is not JSON/],
      ['a schema that is not an object', () => schemaFile('[1, 2]'), /CUSTOM_DATA_SCHEMA: .* is not a JSON Schema object/],
      ['an invalid schema', () => schemaFile(JSON.stringify({ type: 'object', properties: { theme: { type: 12 } } })), /CUSTOM_DATA_SCHEMA: .* is not a valid JSON Schema \(2020-12\)/],
      [
        'an invalid draft-07 schema',
        () => schemaFile(JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', properties: { a: { minLength: -1 } } })),
        /CUSTOM_DATA_SCHEMA: .* is not a valid JSON Schema \(draft-07\)/,
      ],
      ['an unknown dialect', () => schemaFile(JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#' })), /CUSTOM_DATA_SCHEMA: .*"\$schema" .*draft-04.* is not a supported dialect/],
      ['the reserved key', () => schemaFile(JSON.stringify({ properties: { __accountService: {} } })), /CUSTOM_DATA_SCHEMA: .* declares "__accountService"/],
    ])('reports %s in the one message, with every other bad variable', (_name, path, problem) => {
      const message = problemsOf({ ...REQUIRED, CUSTOM_DATA_SCHEMA: path(), PORT: 'eighty', LOGTO_AUDIENCE: '' });
      expect(message).toMatch(problem);
      expect(message).toContain('PORT: "eighty" is not a whole number');
      expect(message).toContain('LOGTO_AUDIENCE: required');
      expect(message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(3);
    });
  });
});
