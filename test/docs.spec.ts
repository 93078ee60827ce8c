import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { ERROR_CATALOG, type CatalogEntry, type ErrorCode } from '../src/common/errors/error-codes.js';
import { declaredProblems } from '../src/common/openapi/api-problems.decorator.js';
import { commonProblems } from '../src/common/openapi/openapi.js';

const ROOT = new URL('..', import.meta.url).pathname;

describe('documentation that clients rely on', () => {
  it('lists every error code with its status in the README', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('<!-- ERROR-CODES:START -->')[1]?.split('<!-- ERROR-CODES:END -->')[0] ?? '';
    const documented = new Map([...section.matchAll(/^\| `([^`]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]));
    const catalog = new Map(Object.entries(ERROR_CATALOG).map(([code, entry]) => [code, entry.status]));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(catalog));
  });

  it("names each code's extension members in the README's last column, as the catalogue declares them", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.split('<!-- ERROR-CODES:START -->')[1]?.split('<!-- ERROR-CODES:END -->')[0] ?? '';
    const rows = [...section.matchAll(/^\| `([^`]+)` \| \d{3} \| [^|]* \|([^|]*)\|$/gm)];
    const documented = Object.fromEntries(rows.map((m) => [m[1], [...m[2].matchAll(/`([A-Za-z]+)`/g)].map((n) => n[1]).filter((name, i, all) => all.indexOf(name) === i).sort()]));
    const declared = Object.fromEntries(
      Object.entries(ERROR_CATALOG as Record<ErrorCode, CatalogEntry>).map(([code, entry]) => [code, Object.keys(entry.extensions ?? {}).sort()]),
    );
    expect(documented).toEqual(declared);
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
    const doc = document();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    const unresolved = [...new Set(refs)].filter((ref) => !ref.startsWith('#/') || resolvePointer(doc, ref) === undefined);
    expect(unresolved).toEqual([]);
    for (const item of Object.values(document().paths)) {
      for (const operation of Object.values(item)) {
        if (!operation.security?.length) continue;
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403', '429', '502', '503', '504']));
      }
    }
  });
});

/** The value at a local JSON pointer (`#/components/schemas/Problem`), or undefined. */
function resolvePointer(root: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), root);
}

describe('openapi.yaml problems (issue #19: one source, each example once, every problem listed)', () => {
  const text = () => readFileSync(join(ROOT, 'openapi.yaml'), 'utf8');
  type Doc = {
    paths: Record<string, Record<string, { operationId: string; security?: unknown[]; responses: Record<string, unknown> }>>;
    components: { schemas: Record<string, Record<string, unknown>>; responses?: Record<string, unknown>; examples?: Record<string, { value: Record<string, unknown> }> };
  };
  const doc = () => parse(text()) as Doc;
  const catalog = ERROR_CATALOG as Record<ErrorCode, CatalogEntry>;
  const deref = (root: Doc, value: unknown): Record<string, unknown> => {
    const ref = (value as { $ref?: string }).$ref;
    return (ref ? deref(root, resolvePointer(root, ref)) : value) as Record<string, unknown>;
  };
  /** The problem codes an operation documents, as `status code`, read through its response and example `$ref`s. */
  const documentedCodes = (root: Doc, responses: Record<string, unknown>): string[] =>
    Object.entries(responses).flatMap(([status, response]) => {
      const content = (deref(root, response).content as Record<string, { examples?: Record<string, unknown> }> | undefined)?.['application/problem+json'];
      return Object.values(content?.examples ?? {}).map((example) => {
        const value = deref(root, example).value as { code: string; status: number };
        expect(String(value.status)).toBe(status);
        return `${status} ${value.code}`;
      });
    });

  it('is under 150 KB', () => {
    expect(Buffer.byteLength(text())).toBeLessThan(150_000);
  });

  it('lists on every operation exactly the problems it can answer: its @ApiProblems, plus those of every authenticated route', async () => {
    const controllers = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? controllers(path) : path.endsWith('.controller.ts') ? [path] : [];
      });
    const declared = new Map<string, ErrorCode[]>();
    for (const file of controllers(join(ROOT, 'src'))) {
      const module = (await import(file)) as Record<string, unknown>;
      for (const exported of Object.values(module)) {
        if (typeof exported !== 'function') continue;
        const prototype = (exported as { prototype: Record<string, unknown> }).prototype;
        for (const method of Object.getOwnPropertyNames(prototype)) {
          const handler = prototype[method];
          if (method === 'constructor' || typeof handler !== 'function') continue;
          declared.set(method, [...declaredProblems(exported), ...declaredProblems(handler)]);
        }
      }
    }
    const root = doc();
    let operations = 0;
    for (const [path, item] of Object.entries(root.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        operations += 1;
        const own = declared.get(operation.operationId);
        expect({ operation: `${method} ${path}`, found: own !== undefined }).toEqual({ operation: `${method} ${path}`, found: true });
        const expected = new Set([...(own ?? []), ...(operation.security?.length ? commonProblems(method) : [])]);
        const listed = documentedCodes(root, operation.responses);
        expect({ operation: `${method} ${path}`, codes: [...listed].sort() }).toEqual({
          operation: `${method} ${path}`,
          codes: [...expected].map((code) => `${catalog[code].status} ${code}`).sort(),
        });
      }
    }
    expect(operations).toBeGreaterThan(30);
  });

  it('keeps each problem example once, under components.examples, and only $refs to it elsewhere', () => {
    const root = doc();
    const examples = root.components.examples ?? {};
    for (const [code, example] of Object.entries(examples)) {
      const entry = catalog[code as ErrorCode];
      expect(entry).toBeDefined();
      expect(example.value).toMatchObject({ code, status: entry.status, title: entry.title });
      for (const [member, field] of Object.entries(entry.extensions ?? {})) expect(example.value[member]).toEqual(field.example);
    }
    const inline: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (`${at}/${key}` === '#/components/examples') continue;
        if (key === 'examples' && value !== null && typeof value === 'object') {
          for (const [name, example] of Object.entries(value)) if (!(example as { $ref?: string }).$ref) inline.push(`${at}/examples/${name}`);
        }
        if (key === 'example' && typeof value === 'object' && JSON.stringify(value).includes('urn:logto-account-service:problem:')) inline.push(`${at}/example`);
        if (key === 'application/problem+json' && at.startsWith('#/paths')) inline.push(`${at}/${key}`);
        walk(value, `${at}/${key}`);
      }
    };
    walk(root, '#');
    expect(inline).toEqual([]);
    const bodies = Object.values(examples).map((example) => JSON.stringify(example.value));
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it('publishes ProblemCode and, for each code with extension members, Problem.<code> with exactly those members', () => {
    const { schemas } = doc().components;
    expect(schemas.ProblemCode.enum).toEqual(Object.keys(ERROR_CATALOG));
    const withExtensions = Object.entries(catalog).filter(([, entry]) => Object.keys(entry.extensions ?? {}).length > 0);
    expect(Object.keys(schemas).filter((name) => name.startsWith('Problem.')).sort()).toEqual(withExtensions.map(([code]) => `Problem.${code}`).sort());
    for (const [code, entry] of withExtensions) {
      const own = (schemas[`Problem.${code}`].allOf as Array<{ required?: string[]; properties?: Record<string, { deprecated?: boolean }> }>)[1];
      expect(Object.keys(own.properties ?? {}).sort()).toEqual(['code', ...Object.keys(entry.extensions!)].sort());
      const fields = Object.entries(entry.extensions!);
      expect([...(own.required ?? [])].sort()).toEqual(['code', ...fields.filter(([, field]) => field.required).map(([name]) => name)].sort());
      for (const [name, field] of fields) expect({ name, deprecated: own.properties![name].deprecated === true }).toEqual({ name, deprecated: field.deprecated !== undefined });
    }
  });
});
