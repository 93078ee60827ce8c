import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectedETag } from '../support/etag.js';
import { bearer, expectProblem, tokenFor, useEmulatorApp, withEmulatorApp } from '../support/test-app.js';

const DEMO_SCHEMA = new URL('../../demo/custom-data.schema.json', import.meta.url).pathname;
const PRIVATE = { internalScore: 42, stripeCustomerId: 'cus_secret', flags: { beta: true } };

describe('custom data (GET/PATCH /me/custom-data)', () => {
  // The per-user lock waits up to LOGTO_TIMEOUT_MS: long here, so that how many concurrent patches get through
  // depends on the queue bound (1 running + 16 waiting) and not on how loaded the machine is.
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: DEMO_SCHEMA, LOGTO_TIMEOUT_MS: '60000' } });

  async function user(customData: Record<string, unknown> = {}) {
    const seeded = h.emu.seedUser({ username: `cd_${Math.random().toString(36).slice(2, 10)}`, customData: { ...PRIVATE, ...customData } });
    return { id: seeded.id, token: await tokenFor(h.emu, seeded.id) };
  }
  const patch = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    h.t.inject({
      method: 'PATCH',
      url: '/me/custom-data',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json', ...headers }),
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const stored = (id: string) => h.emu.state.users.get(id)?.customData as Record<string, unknown>;

  it('shows only the declared keys, with an ETag', async () => {
    const { token } = await user({ theme: 'dark', plan: 'pro' });
    const res = await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ theme: 'dark', plan: 'pro' });
    expect(res.headers.etag).toBe(expectedETag(res.body));
    expect(res.body).not.toContain('cus_secret');
  });

  it('reads the custom data from the account check\'s fresh read of the user: 2 Logto calls per patch (issue #20)', async () => {
    const { id, token } = await user({ theme: 'dark' });
    h.emu.resetCounters();
    const res = await patch(token, { theme: 'light' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ theme: 'light' });
    expect(stored(id)).toMatchObject({ ...PRIVATE, theme: 'light' });
    const management = Object.fromEntries(Object.entries(h.emu.counters.byRoute).filter(([route]) => route.includes(' /api/')));
    expect(management).toEqual({ 'GET /api/users/:userId': 1, 'PATCH /api/users/:userId/custom-data': 1 });
  });

  it('merges a patch (nested objects merge, null deletes) and never touches private keys', async () => {
    const { id, token } = await user({ theme: 'dark', preferences: { digest: 'daily', language: 'en' } });
    const res = await patch(token, { theme: 'light', newsletter: true, preferences: { digest: null, language: 'fr' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ theme: 'light', newsletter: true, preferences: { language: 'fr' } });
    expect(res.headers.etag).toBe(expectedETag(res.body));
    // The ETag of the written state is the one a read of it gives: a client can use it for its next If-Match.
    const read = await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
    expect(read.headers.etag).toBe(res.headers.etag);
    // What Logto holds afterwards: the merged public keys beside the untouched private ones.
    expect(stored(id)).toEqual({ ...PRIVATE, theme: 'light', newsletter: true, preferences: { language: 'fr' } });

    const removed = await patch(token, { theme: null });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ newsletter: true, preferences: { language: 'fr' } });
    const again = await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
    expect(again.json()).not.toHaveProperty('theme');
    // Logto's custom-data PATCH cannot delete a top-level key: a removed one is stored as null, shown as absent.
    expect(stored(id)).toEqual({ ...PRIVATE, theme: null, newsletter: true, preferences: { language: 'fr' } });
    const me = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
    expect(me.json().customData).toEqual({ newsletter: true, preferences: { language: 'fr' } });
  });

  it('refuses an undeclared key exactly like a key that exists nowhere (hidden keys are not revealed)', async () => {
    const { token } = await user();
    const before = h.emu.stateDigest();
    const hidden = await patch(token, { internalScore: 0 });
    const nowhere = await patch(token, { doesNotExistAnywhere: 0 });
    const a = expectProblem(hidden, 422, 'custom_data.invalid');
    const b = expectProblem(nowhere, 422, 'custom_data.invalid');
    expect(a.detail).toBe(b.detail);
    expect(a.errors).toEqual([{ field: 'internalScore', message: 'is not a user-editable field' }]);
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('refuses read-only fields with 403', async () => {
    const { token } = await user({ plan: 'free' });
    const before = h.emu.stateDigest();
    expectProblem(await patch(token, { plan: 'enterprise' }), 403, 'custom_data.read_only_field');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('refuses removing a read-only field with null, also beside allowed changes, and keeps every key as it was', async () => {
    const { id, token } = await user({ plan: 'pro', theme: 'dark' });
    const before = h.emu.stateDigest();
    for (const body of [{ plan: null }, { theme: 'light', preferences: { digest: 'weekly' }, plan: null }]) {
      const res = await patch(token, body);
      expect(expectProblem(res, 403, 'custom_data.read_only_field').detail).toBe('The field "plan" is read-only.');
    }
    expect(h.emu.stateDigest()).toBe(before);
    expect(stored(id)).toEqual({ ...PRIVATE, plan: 'pro', theme: 'dark' });
    const read = await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
    expect(read.json()).toEqual({ plan: 'pro', theme: 'dark' });
  });

  it('refuses schema violations with 422 and the failing paths', async () => {
    const { token } = await user();
    const before = h.emu.stateDigest();
    const res = await patch(token, { theme: 'purple', preferences: { digest: 'hourly' }, homepage: 'not a uri' });
    const body = expectProblem(res, 422, 'custom_data.invalid');
    const fields = (body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['homepage', 'preferences.digest', 'theme']);
    expect(h.emu.stateDigest()).toBe(before);
  });

  it.each([
    ['a __proto__ key', '{"preferences":{"__proto__":{"admin":true}}}', 400],
    ['a constructor key', { preferences: { constructor: { prototype: 1 } } }, 400],
    ['nesting deeper than 8', { preferences: { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } } }, 400],
    ['a non-object patch', '[1,2,3]', 422],
  ])('refuses %s and changes nothing', async (_name, body, status) => {
    const { token } = await user();
    const before = h.emu.stateDigest();
    const res = await patch(token, body);
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('refuses a document over 32 KiB with 413', async () => {
    const { token } = await user();
    const before = h.emu.stateDigest();
    const res = await patch(token, { preferences: { language: 'en', blob: 'x'.repeat(33 * 1024) } });
    expectProblem(res, 413, 'custom_data.too_large');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('answers 412 on a stale If-Match and applies with the current one', async () => {
    const { token } = await user({ theme: 'dark' });
    const etag = String((await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) })).headers.etag);
    await patch(token, { newsletter: false });
    const before = h.emu.stateDigest();
    expectProblem(await patch(token, { theme: 'light' }, { 'if-match': etag }), 412, 'precondition_failed');
    expect(h.emu.stateDigest()).toBe(before);
    const current = String((await h.t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) })).headers.etag);
    expect((await patch(token, { theme: 'light' }, { 'if-match': current })).statusCode).toBe(200);
  });

  // The per-user lock queues a bounded number of changes (issue 18): the rest are told 409 account.busy at once.
  it('loses nothing when 50 merge patches of distinct nested keys arrive at once: every accepted key is stored, no refused one', async () => {
    const { id, token } = await user();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => patch(token, { preferences: { [`k${i}`]: i } })),
    );
    const accepted = responses.flatMap((r, i) => (r.statusCode === 200 ? [`k${i}`] : []));
    expect(responses.filter((r) => r.statusCode !== 200).map((r) => [r.statusCode, r.json().code])).toEqual(
      Array(50 - accepted.length).fill([409, 'account.busy']),
    );
    expect(accepted.length).toBeGreaterThanOrEqual(17);
    const preferences = stored(id).preferences as Record<string, number>;
    expect(Object.keys(preferences).sort()).toEqual(accepted.sort());
  });
});

describe('custom data with 50 declared keys', () => {
  it('keeps all 50 top-level keys written concurrently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    const schemaPath = join(dir, 'schema.json');
    const properties = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field${i}`, { type: 'integer' }]));
    writeFileSync(schemaPath, JSON.stringify({ type: 'object', properties }));
    await withEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: schemaPath, LOGTO_TIMEOUT_MS: '60000' } }, async ({ emu, t }) => {
      const { id } = emu.seedUser({ username: 'fifty_keys', customData: { adminOnly: 'keep me' } });
      const token = await tokenFor(emu, id);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(token), payload: { [`field${i}`]: i } }),
        ),
      );
      // A bounded queue per user (issue 18): what does not fit is refused with 409 and writes nothing.
      const accepted = responses.flatMap((r, i) => (r.statusCode === 200 ? [`field${i}`] : []));
      expect(responses.filter((r) => r.statusCode !== 200).map((r) => [r.statusCode, r.json().code])).toEqual(
        Array(50 - accepted.length).fill([409, 'account.busy']),
      );
      expect(accepted.length).toBeGreaterThanOrEqual(17);
      const final = await t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
      expect(Object.keys(final.json()).sort()).toEqual(accepted.sort());
      expect(emu.state.users.get(id)?.customData).toMatchObject({ adminOnly: 'keep me' });
    });
  });
});

describe('custom data without a schema', () => {
  it('shows nothing and accepts no write', async () => {
    await withEmulatorApp({}, async ({ emu, t }) => {
      const { id } = emu.seedUser({ username: 'no_schema', customData: { theme: 'dark' } });
      const token = await tokenFor(emu, id);
      const get = await t.inject({ method: 'GET', url: '/me/custom-data', headers: bearer(token) });
      expect(get.json()).toEqual({});
      const before = emu.stateDigest();
      expectProblem(await t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(token), payload: { theme: 'light' } }), 422, 'custom_data.invalid');
      expect(emu.stateDigest()).toBe(before);
    });
  });
});
