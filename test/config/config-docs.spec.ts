import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderEnvExample, withConfigTable } from '../../src/config/config-docs.js';
import { CONFIG_VARIABLES } from '../../src/config/config-variables.js';
import { loadConfig } from '../../src/config/load-config.js';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The smallest environment the loader accepts. */
const REQUIRED_ENV = {
  LOGTO_ENDPOINT: 'http://logto.test',
  LOGTO_AUDIENCE: 'https://account.test',
  LOGTO_M2M_APP_ID: 'm2m',
  LOGTO_M2M_APP_SECRET: 'secret',
};

describe('the configuration table (src/config/config-variables.ts)', () => {
  it('is what .env.example says (npm run config:docs)', () => {
    expect(read('.env.example')).toBe(renderEnvExample());
  });

  it("is what the README's configuration table says (npm run config:docs)", () => {
    const readme = read('README.md');
    expect(readme).toBe(withConfigTable(readme));
  });

  it('lists exactly the variables the loader reads', () => {
    const seen = new Set<string>();
    const env = new Proxy({ ...REQUIRED_ENV } as Record<string, string | undefined>, {
      get(target, name) {
        if (typeof name === 'string') seen.add(name);
        return target[name as string];
      },
    });
    loadConfig(env);
    expect([...seen].sort()).toEqual(Object.keys(CONFIG_VARIABLES).sort());
  });

  it('gives the loader its defaults', () => {
    const config = loadConfig(REQUIRED_ENV);
    expect(config.server.port).toBe(CONFIG_VARIABLES.PORT.default);
    expect(config.server.host).toBe(CONFIG_VARIABLES.HOST.default);
    expect(config.rateLimit.perUserPerMinute).toBe(CONFIG_VARIABLES.RATE_LIMIT_PER_USER_PER_MINUTE.default);
    expect(config.auth.algorithms).toEqual(CONFIG_VARIABLES.JWT_ALGORITHMS.default);
    expect(config.store.memoryMaxBytes).toBe(CONFIG_VARIABLES.MEMORY_STORE_MAX_BYTES.default);
  });

  it.each(
    Object.entries(CONFIG_VARIABLES).flatMap(([name, variable]) =>
      variable.type !== 'int' ? [] : variable.min > 0 ? [[name, variable.min - 1] as const, [name, variable.max + 1] as const] : [[name, variable.max + 1] as const],
    ),
  )("refuses %s=%d, outside the table's range", (name, value) => {
    expect(() => loadConfig({ ...REQUIRED_ENV, [name]: String(value) })).toThrow(`${name}: ${value} is outside`);
  });

  it('never prints the value of a variable the table marks secret', () => {
    const secrets = Object.entries(CONFIG_VARIABLES).filter(([, variable]) => 'secret' in variable && variable.secret).map(([name]) => name);
    expect(secrets).toEqual(expect.arrayContaining(['LOGTO_M2M_APP_SECRET', 'REDIS_URL', 'LOGTO_WEBHOOK_SIGNING_KEY']));
    const env = { ...REQUIRED_ENV, REDIS_URL: 'hunter2-secret', PORT: 'x' };
    expect(() => loadConfig(env)).toThrow(/REDIS_URL/);
    try {
      loadConfig(env);
    } catch (error) {
      expect(String(error)).not.toContain('hunter2-secret');
    }
  });

  it('knows every variable the deployment files set (a misspelt name would be silently ignored)', () => {
    const known = (name: string) => name in CONFIG_VARIABLES || name.startsWith('OTEL_');
    const settings = read('deploy/kubernetes/base/settings.env').split('\n').filter((line) => /^[A-Z]/.test(line)).map((line) => line.split('=')[0]);
    const compose = parse(read('docker-compose.yml')) as { services: Record<string, { environment?: Record<string, unknown> }> };
    const composeNames = Object.keys(compose.services['account-service'].environment ?? {});
    expect(settings.length + composeNames.length).toBeGreaterThan(5);
    expect([...settings, ...composeNames].filter((name) => !known(name))).toEqual([]);
  });
});
