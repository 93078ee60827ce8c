/**
 * Issue #20: `npm run build` bundles dist/main.js into dist/server.js (scripts/bundle.mjs). The bundle must not
 * silently break a package that finds its own files on disk, nor load a second copy of a bundled package at run
 * time; these fixtures show the script refuses both, and that the real externals keep what they say.
 * (`npm run bundle:smoke` runs the real bundle against the emulator.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
// @ts-expect-error: a plain ESM script without type declarations
import { EXTERNALS } from '../../scripts/bundle.mjs';

interface External {
  test: RegExp;
  why: string;
}
type BundleOptions = { root: string; input: string; output: string; externals?: External[]; reviewed?: Record<string, string>; quiet: true };
const externals = EXTERNALS as External[];
const SCRIPT = pathToFileURL(join(process.cwd(), 'scripts', 'bundle.mjs')).href;

/**
 * Runs bundle() in a Node process of its own: rolldown's native binding does not accept the RegExp objects of
 * jest's VM realm (its default `sourcemapIgnoreList` among them).
 */
function run(options: BundleOptions): Promise<{ modules: number; packages: string[] }> {
  const serialized = JSON.stringify({ ...options, externals: options.externals?.map((entry) => ({ source: entry.test.source, why: entry.why })) });
  const code = [
    `const { bundle } = await import(${JSON.stringify(SCRIPT)});`,
    `const options = ${serialized};`,
    'if (options.externals) options.externals = options.externals.map((e) => ({ test: new RegExp(e.source), why: e.why }));',
    'try { console.log(JSON.stringify(await bundle(options))); } catch (error) { console.error(error.message); process.exitCode = 1; }',
  ].join('\n');
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) return Promise.reject(new Error(result.stderr || `exit ${result.status ?? result.signal}`));
  return Promise.resolve(JSON.parse(result.stdout) as { modules: number; packages: string[] });
}

describe('scripts/bundle.mjs (the single-file build)', () => {
  let root: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const pkg = (name: string, index: string) => {
    write(`node_modules/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', type: 'module', exports: './index.js' }));
    write(`node_modules/${name}/index.js`, index);
  };
  const options = (extra: Partial<BundleOptions> = {}): BundleOptions => ({ root, input: 'dist/main.js', output: 'dist/server.js', externals: [], reviewed: {}, quiet: true, ...extra });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'bundle-'));
    pkg('plain', 'export function answer() {\n  return Math.random();\n}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('bundles the entry and its packages into one file', async () => {
    write('dist/main.js', "import { answer } from 'plain';\nconsole.log(answer);\n");
    await expect(run(options())).resolves.toEqual({ modules: 2, packages: ['plain'] });
    expect(existsSync(join(root, 'dist/server.js'))).toBe(true);
  });

  it('refuses a bundled package that locates its own files (its __dirname would be dist/) until it is reviewed or external', async () => {
    pkg('locates', "export const worker = new URL('./worker.js', import.meta.url).href;\n");
    write('dist/main.js', "import { worker } from 'locates';\nconsole.log(worker);\n");
    await expect(run(options())).rejects.toThrow(/locates\/index\.js locates files on disk \(import\.meta\.url\)/);
    await expect(run(options({ reviewed: { 'locates/index.js': 'why it still works' } }))).resolves.toBeDefined();
    await expect(run(options({ externals: [{ test: /^locates$/, why: 'reads files beside it' }] }))).resolves.toEqual({ modules: 1, packages: [] });
  });

  it('refuses a run-time require (createRequire) of a package that is also bundled: two copies, two states', async () => {
    pkg('loader', "import { createRequire } from 'node:module';\nexport const load = () => createRequire(import.meta.url)('plain');\n");
    write('dist/main.js', "import { answer } from 'plain';\nimport { load } from 'loader';\nconsole.log(answer, load());\n");
    const reviewed = { 'loader/index.js': 'requires plain at run time' };
    await expect(run(options({ reviewed }))).rejects.toThrow(/requires plain at run time while plain is bundled too/);
  });

  it('refuses a run-time require of a package it does not list as external', async () => {
    pkg('loader', "import { createRequire } from 'node:module';\nexport const load = () => createRequire(import.meta.url)('elsewhere');\n");
    write('dist/main.js', "import { load } from 'loader';\nconsole.log(load());\n");
    const reviewed = { 'loader/index.js': 'requires elsewhere at run time' };
    await expect(run(options({ reviewed }))).rejects.toThrow(/requires elsewhere at run time: list it in EXTERNALS/);
    await expect(run(options({ reviewed, externals: [{ test: /^elsewhere$/, why: 'kept in node_modules' }] }))).resolves.toBeDefined();
  });

  it('fails on an unresolved import (a missing optional package) unless it is listed as external', async () => {
    write('dist/main.js', "export const later = () => import('not-installed');\n");
    await expect(run(options())).rejects.toThrow(/UNRESOLVED_IMPORT.*not-installed/);
    await expect(run(options({ externals: [{ test: /^not-installed$/, why: 'optional peer' }] }))).resolves.toBeDefined();
  });

  it.each([
    ['pino', true],
    ['pino-pretty', true],
    ['swagger-ui-dist/absolute-path.js', true],
    ['@opentelemetry/sdk-node', true],
    ['@opentelemetry/exporter-trace-otlp-http', true],
    ['ioredis', true],
    ['@nestjs/microservices', true],
    ['@fastify/view', true],
    // Bundled: the SDK registers in @opentelemetry/api's globalThis registry, which the bundled copy reads.
    ['@opentelemetry/api', false],
    ['@nestjs/core', false],
    ['fastify', false],
    ['pino-std-serializers', false],
  ])('keeps %s external: %s', (specifier, external) => {
    expect(externals.some((entry) => entry.test.test(specifier))).toBe(external);
    for (const entry of externals) expect(entry.why.length).toBeGreaterThan(20);
  });
});
