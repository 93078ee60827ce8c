import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { ERROR_CATALOG } from '../src/common/errors/error-codes.js';

const ROOT = new URL('..', import.meta.url).pathname;

describe('documentation that clients rely on', () => {
  it('lists every error code with its status in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('<!-- ERROR-CODES:START -->')[1]?.split('<!-- ERROR-CODES:END -->')[0] ?? '';
    const documented = new Map([...section.matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
    const catalog = new Map(Object.entries(ERROR_CATALOG).map(([code, entry]) => [code, entry.status]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalog));
  });
});

describe('architecture', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });

  it('never loads the Logto emulator from production code', () => {
    // The emulator is its own workspace package; only tests, the demo and the bench may import it.
    const production = files(join(ROOT, 'src')).filter((path) => !path.endsWith('.spec.ts'));
    const offenders = production.filter((path) => /from '[^']*emulator[^']*'|import\([^)]*emulator/.test(readFileSync(path, 'utf8')));
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).filter((name) => name.includes('emulator'))).toEqual([]);
  });

  const controllerFiles = (): string[] => files(join(ROOT, 'src')).filter((path) => path.endsWith('.controller.ts'));

  it('declares every /me controller with @AccountController, never with the decorators it composes', () => {
    // One decorator decides the prefix, tag, security scheme and per-mutation interceptors of every account route.
    const offenders = controllerFiles().filter((path) => {
      const source = readFileSync(path, 'utf8');
      return /@Controller\(\s*'me[/']/.test(source) || /@IdempotentMutations\(/.test(source);
    });
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });

  it('puts every /me route in the folder its path names, or names it in that folder\'s README.md', async () => {
    // A newcomer looking for DELETE /me or /me/grants finds it from the tree alone.
    const misplaced: string[] = [];
    let routes = 0;
    for (const path of controllerFiles()) {
      const folder = basename(dirname(path));
      const readmePath = join(dirname(path), 'README.md');
      const readme = existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : '';
      const exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
      for (const controller of Object.values(exports)) {
        if (typeof controller !== 'function') continue;
        const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
        if (base === undefined || !/^me(\/|$)/.test(base)) continue;
        const prototype = controller.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[name];
          const method = typeof handler === 'function' ? (Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) : undefined;
          if (method === undefined || name === 'constructor') continue;
          routes++;
          const route = `/${base}/${String(Reflect.getMetadata(PATH_METADATA, handler as object))}`.replace(/\/+$/, '');
          const segment = route.split('/')[2];
          if (segment === folder || segment === `${folder}s`) continue;
          if (!readme.includes(`\`${RequestMethod[method]} ${route}\``)) misplaced.push(`${RequestMethod[method]} ${route} (src/${folder})`);
        }
      }
    }
    expect(routes).toBeGreaterThan(30);
    expect(misplaced).toEqual([]);
  });

  it('makes only infrastructure modules global, so a domain module\'s imports list what it uses', () => {
    // Config, clock, store, the Logto adapter and token verification are plumbing every module needs.
    const infrastructure = ['src/auth/auth.module.ts', 'src/logto/logto.module.ts', 'src/store/store.module.ts'];
    const global = files(join(ROOT, 'src'))
      .filter((path) => path.endsWith('.module.ts') && /@Global\(\)/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(global.filter((path) => !infrastructure.includes(path))).toEqual([]);
  });

  it('keeps per-user state several domains share in the account module, which those domains import', async () => {
    const { AccountModule } = await import('../src/account/account.module.js');
    const { DeletionModule } = await import('../src/deletion/deletion.module.js');
    const { ActivityModule } = await import('../src/activity/activity.module.js');
    const importsAccount = (module: unknown) => ((Reflect.getMetadata('imports', module as object) as unknown[] | undefined) ?? []).includes(AccountModule);
    expect({ deletion: importsAccount(DeletionModule), activity: importsAccount(ActivityModule) }).toEqual({ deletion: true, activity: true });
    // The export only reads the record out of the user it already has: a function of the account folder, no provider.
    expect(readFileSync(join(ROOT, 'src/export/export.service.ts'), 'utf8')).toContain("from '../account/reserved-data.service.js'");
    const shared = ['reserved-data.service.ts', 'sign-in-methods.ts'];
    expect(shared.filter((file) => !existsSync(join(ROOT, 'src/account', file)))).toEqual([]);
  });

  it('keeps Logto URLs inside the gateway layer', () => {
    const outside = files(join(ROOT, 'src')).filter((path) => !/\/src\/(logto|tools)\//.test(path) && !path.endsWith('.spec.ts'));
    const offenders = outside.filter((path) => /['`]\/api\/(users|connectors|logs|verification-codes|sign-in-exp)/.test(readFileSync(path, 'utf8')));
    expect(offenders.map((path) => relative(ROOT, path))).toEqual([]);
  });
});

describe('openapi.yaml', () => {
  const document = () => parse(readFileSync(join(ROOT, 'openapi.yaml'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown>; security?: unknown[] }>>;
  };

  it('has unique readable operationIds and no duplicated parameters', () => {
    const ids: string[] = [];
    for (const [path, item] of Object.entries(document().paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(operation.operationId).toMatch(/^[a-z][A-Za-z]+$/);
        ids.push(operation.operationId!);
        const params = (operation.parameters ?? []).map((p) => `${p.in}:${p.name.toLowerCase()}`);
        expect({ route: `${method} ${path}`, params: [...new Set(params)].sort() }).toEqual({ route: `${method} ${path}`, params: [...params].sort() });
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('resolves every $ref and documents problem responses on every authenticated route', () => {
    const doc = document() as unknown as { components: { schemas: Record<string, unknown> } };
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref]).toBeDefined();
    for (const item of Object.values(document().paths)) {
      for (const operation of Object.values(item)) {
        if (!operation.security?.length) continue;
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403', '429', '502', '503', '504']));
      }
    }
  });
});
