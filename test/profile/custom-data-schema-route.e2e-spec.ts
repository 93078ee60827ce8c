/**
 * GET /me/custom-data/schema (issue #21): the user-visible part of CUSTOM_DATA_SCHEMA, from which an app (the
 * account center) builds its custom-data form. Only the declared top-level properties are described, read-only
 * ones marked; nothing in the answer names a key users cannot see.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bearer, expectProblem, tokenFor, useEmulatorApp } from '../support/test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'custom-data-schema-route-'));
const schemaPath = join(dir, 'schema.json');
writeFileSync(
  schemaPath,
  JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Preferences',
    description: 'What users may set.',
    type: 'object',
    $defs: { colour: { enum: ['light', 'dark'] }, risk: { type: 'object', properties: { internalRiskScore: { type: 'number' } } } },
    properties: {
      theme: { $ref: '#/$defs/colour', title: 'Theme' },
      newsletter: { type: 'boolean' },
      anything: true,
      plan: { type: 'string', readOnly: true },
    },
    // Keys admins keep for themselves must not leak through any other keyword of the schema.
    required: ['theme', 'internalRiskScore'],
    patternProperties: { '^billing_': { type: 'string' } },
    dependentRequired: { stripeCustomerId: ['plan'] },
    if: { properties: { supportTier: { const: 'gold' } } },
    then: { required: ['accountManager'] },
    additionalProperties: true,
  }),
);

describe('GET /me/custom-data/schema', () => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: schemaPath } });
  let token: string;

  beforeAll(async () => {
    const user = h.emu.seedUser({ customData: { theme: 'dark', internalRiskScore: 7, billing_id: 'b1', stripeCustomerId: 'cus_1' } });
    token = await tokenFor(h.emu, user.id, ['account:read']);
  });

  it('describes the declared properties only, read-only ones marked, and no hidden key anywhere', async () => {
    const res = await h.t.inject({ method: 'GET', url: '/me/custom-data/schema', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/(schema\+)?json/);
    const schema = res.json() as Record<string, unknown>;
    expect(schema).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Preferences',
      description: 'What users may set.',
      type: 'object',
      $defs: { colour: { enum: ['light', 'dark'] } },
      properties: {
        theme: { $ref: '#/$defs/colour', title: 'Theme', readOnly: false },
        newsletter: { type: 'boolean', readOnly: false },
        anything: { readOnly: false },
        plan: { type: 'string', readOnly: true },
      },
      required: ['theme'],
      additionalProperties: false,
    });
    for (const hidden of ['internalRiskScore', 'billing_', 'stripeCustomerId', 'supportTier', 'accountManager', '__accountService']) {
      expect(res.body).not.toContain(hidden);
    }
  });

  it('is cacheable with a strong ETag', async () => {
    const first = await h.t.inject({ method: 'GET', url: '/me/custom-data/schema', headers: bearer(token) });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"/);
    const again = await h.t.inject({ method: 'GET', url: '/me/custom-data/schema', headers: bearer(token, { 'if-none-match': etag }) });
    expect(again.statusCode).toBe(304);
  });

  it('needs a token like every /me route', async () => {
    const res = await h.t.inject({ method: 'GET', url: '/me/custom-data/schema' });
    expectProblem(res, 401, 'auth.token_missing');
  });
});

describe('GET /me/custom-data/schema without CUSTOM_DATA_SCHEMA', () => {
  const h = useEmulatorApp();

  it('describes an object with no user-visible fields', async () => {
    const user = h.emu.seedUser({ customData: { secret: 1 } });
    const res = await h.t.inject({ method: 'GET', url: '/me/custom-data/schema', headers: bearer(await tokenFor(h.emu, user.id, ['account:read'])) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });
});
