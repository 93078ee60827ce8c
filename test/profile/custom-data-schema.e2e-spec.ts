/**
 * The operator's custom-data schema (issue #18, items 11 and 12): draft-07, 2019-09 and 2020-12 schemas all
 * work, picked by `$schema`, with the same policy (declared keys, readOnly); fields declared as URLs take only
 * http and https URLs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, expectProblem, tokenFor, useEmulatorApp } from '../support/test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'custom-data-dialects-'));

/** The same rules written in each dialect: a `$ref` to a definition, a readOnly key, URL fields. */
function schemaFor(dialect: 'draft-07' | '2019-09' | '2020-12' | 'none'): string {
  const $schema = {
    'draft-07': 'http://json-schema.org/draft-07/schema#',
    '2019-09': 'https://json-schema.org/draft/2019-09/schema',
    '2020-12': 'https://json-schema.org/draft/2020-12/schema',
    none: undefined,
  }[dialect];
  const definitions = dialect === 'draft-07' ? 'definitions' : '$defs';
  const path = join(dir, `${dialect}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      $schema,
      type: 'object',
      [definitions]: { colour: { enum: ['light', 'dark'] } },
      properties: {
        theme: { $ref: `#/${definitions}/colour` },
        homepage: { type: 'string', format: 'uri' },
        website: { type: 'string', format: 'url' },
        profileIri: { type: 'string', format: 'iri' },
        avatarPath: { type: 'string', format: 'uri-reference' },
        plan: { type: 'string', readOnly: true },
      },
    }),
  );
  return path;
}

describe.each(['draft-07', '2019-09', '2020-12', 'none'] as const)('a custom-data schema in %s', (dialect) => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: schemaFor(dialect) } });
  let userId: string;
  let token: string;

  beforeAll(async () => {
    userId = h.emu.seedUser({ username: `dialect_${dialect.replace('-', '_')}`, customData: { theme: 'light', plan: 'pro', hidden: 'admin only' } }).id;
    token = await tokenFor(h.emu, userId);
  });

  const patch = (payload: Record<string, unknown>) => h.t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(token), payload });

  it('starts, shows the declared keys only, and validates with the schema', async () => {
    const get = await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
    expect(get.json()).toEqual({ theme: 'light', plan: 'pro' });

    const ok = await patch({ theme: 'dark', homepage: 'https://example.com/me' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ theme: 'dark', plan: 'pro', homepage: 'https://example.com/me' });

    expectProblem(await patch({ theme: 'purple' }), 422, 'custom_data.invalid');
    expectProblem(await patch({ plan: 'free' }), 403, 'custom_data.read_only_field');
    expectProblem(await patch({ hidden: 'x' }), 422, 'custom_data.invalid');
  });

  it.each([
    ['homepage', 'javascript:alert(document.cookie)'],
    ['homepage', 'JavaScript:alert(1)'],
    ['homepage', 'data:text/html,<script>alert(1)</script>'],
    ['homepage', 'file:///etc/passwd'],
    ['homepage', 'vbscript:msgbox(1)'],
    ['homepage', 'https:no-host'],
    ['website', 'javascript:alert(1)'],
    ['website', 'ftp://example.com/file'],
    ['profileIri', 'javascript:alert(1)'],
    ['profileIri', 'java\tscript:alert(1)'],
    ['avatarPath', 'javascript:alert(1)'],
  ])('refuses %s = %j (only http and https URLs)', async (field, value) => {
    const before = h.emu.stateDigest();
    const body = expectProblem(await patch({ [field]: value }), 422, 'custom_data.invalid');
    expect(body.errors).toEqual([expect.objectContaining({ field })]);
    expect(h.emu.stateDigest()).toBe(before);
  });

  it.each([
    ['homepage', 'http://example.com'],
    ['homepage', 'HTTPS://EXAMPLE.COM/Path?q=1#top'],
    ['website', 'https://example.com/a'],
    ['profileIri', 'https://例え.jp/パス'],
    ['avatarPath', '/avatars/me.png'],
    ['avatarPath', 'https://cdn.example.com/me.png'],
  ])('accepts %s = %j', async (field, value) => {
    const res = await patch({ [field]: value });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ [field]: value });
  });
});

describe('the demo schema', () => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json' } });

  it('refuses a javascript: homepage', async () => {
    const token = await tokenFor(h.emu, h.emu.seedUser({ username: 'demo_schema_user' }).id);
    const res = await h.t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(token), payload: { homepage: 'javascript:alert(1)' } });
    expectProblem(res, 422, 'custom_data.invalid');
    const ok = await h.t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(token), payload: { homepage: 'https://example.com' } });
    expect(ok.statusCode).toBe(200);
  });
});
