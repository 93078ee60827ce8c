import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compareOpenApi, generateOpenApiYaml } from './openapi.js';

describe('openapi drift check', () => {
  it('accepts an identical file and points at the first difference otherwise', () => {
    expect(compareOpenApi('a: 1\nb: 2\n', 'a: 1\nb: 2\n').ok).toBe(true);
    const stale = compareOpenApi('a: 1\nb: 3\n', 'a: 1\nb: 2\n');
    expect(stale.ok).toBe(false);
    expect(stale.message).toContain('line 2');
    expect(stale.message).toContain('npm run openapi');
    expect(compareOpenApi('a: 1\n', undefined)).toEqual({ ok: false, message: expect.stringContaining('missing') });
  });

  it('generates the document without a server or network, with the same routes and operationIds as openapi.yaml', async () => {
    // The Swagger CLI plugin (DTO schemas) only runs in `nest build`, so here only the route table is compared;
    // `npm run openapi:check` in CI compares the whole built document byte for byte.
    const operations = (yaml: string) => {
      const doc = parse(yaml) as { paths: Record<string, Record<string, { operationId: string }>> };
      return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => `${method} ${path} ${op.operationId}`)).sort();
    };
    const committed = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    expect(operations(await generateOpenApiYaml())).toEqual(operations(committed));
  });
});
