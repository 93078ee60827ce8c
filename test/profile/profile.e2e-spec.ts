import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { expectedETag } from '../support/etag.js';
import { bearer, expectProblem, grantStepUp, tokenFor, useEmulatorApp } from '../support/test-app.js';

const SCHEMA = new URL('../../demo/custom-data.schema.json', import.meta.url).pathname;

describe('account profile (GET/PATCH /me, PATCH /me/profile)', () => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: SCHEMA } });

  async function user(input: Parameters<LogtoEmulator['seedUser']>[0] = {}) {
    const seeded = h.emu.seedUser({ username: `u_${Math.random().toString(36).slice(2, 10)}`, ...input });
    return { id: seeded.id, token: await tokenFor(h.emu, seeded.id) };
  }

  describe('GET /me', () => {
    it('returns the account mapped from one Logto call, with a strong ETag', async () => {
      const { id, token } = await user({
        username: 'ada_l',
        primaryEmail: 'ada@example.test',
        primaryPhone: '15550100001',
        name: 'Ada',
        password: 'correct horse battery staple',
        customData: { theme: 'dark', plan: 'pro', internalScore: 42, stripeCustomerId: 'cus_123' },
        profile: { givenName: 'Ada', address: { locality: 'London' } },
      });
      h.emu.linkSocialIdentity(id, 'github', { userId: 'gh-1', details: { name: 'Ada' } });
      h.emu.resetCounters();

      const res = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(expectedETag(res.body));
      expect(res.json()).toEqual({
        id,
        username: 'ada_l',
        primaryEmail: 'ada@example.test',
        primaryPhone: '15550100001',
        name: 'Ada',
        avatar: null,
        profile: { givenName: 'Ada', address: { locality: 'London' } },
        customData: { theme: 'dark', plan: 'pro' },
        identities: { social: ['github'], sso: [] },
        hasPassword: true,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        lastSignInAt: null,
      });
      expect(res.body).not.toContain('internalScore');
      expect(res.body).not.toContain('cus_123');
      expect(h.emu.counters.managementCalls).toBe(1);
    });

    it('answers 304 to a matching If-None-Match, and 200 once the account changed', async () => {
      const { token } = await user({ name: 'Before' });
      const first = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      const etag = String(first.headers.etag);
      const again = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token, { 'if-none-match': etag }) });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');

      await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token), payload: { name: 'After' } });
      const changed = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token, { 'if-none-match': etag }) });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    });
  });

  describe('PATCH /me', () => {
    it.each([['application/json'], ['application/merge-patch+json']])('updates name and avatar with %s', async (type) => {
      const { id, token } = await user({ name: 'Old', avatar: 'https://img.example.test/old.png' });
      const res = await h.t.inject({
        method: 'PATCH',
        url: '/me',
        headers: bearer(token, { 'content-type': type }),
        payload: JSON.stringify({ name: 'New Name', avatar: null }),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id, name: 'New Name', avatar: null });
      expect(res.headers.etag).toBe(expectedETag(res.body));
      const read = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expect(read.headers.etag).toBe(res.headers.etag);
      expect(h.emu.state.users.get(id)).toMatchObject({ name: 'New Name', avatar: null });
    });

    it.each([
      ['an http avatar', { avatar: 'http://img.example.test/a.png' }],
      ['a non-URL avatar', { avatar: 'not a url' }],
      ['a username starting with a digit', { username: '1abc' }],
      ['a null username', { username: null }],
      ['an unknown field', { email: 'x@example.test' }],
      ['a name of the wrong type', { name: 12 }],
    ])('rejects %s with 400 and changes nothing', async (_name, payload) => {
      const { token } = await user();
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token), payload });
      expectProblem(res, 400, 'request.validation_failed');
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('requires step-up to change the username, listing the usable methods', async () => {
      const { token } = await user({ password: 'a password that is long', primaryEmail: 'stepup@example.test' });
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token), payload: { username: 'brand_new' } });
      const body = expectProblem(res, 403, 'verification.required');
      expect(body.methods).toEqual(['password', 'email']);
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('does not ask for step-up when the username stays the same', async () => {
      const { id, token } = await user({ username: 'same_name' });
      const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token), payload: { username: 'same_name', name: 'N' } });
      expect(res.statusCode).toBe(200);
      expect(h.emu.state.users.get(id)).toMatchObject({ username: 'same_name', name: 'N' });
    });

    it('answers 412 when If-Match does not match the current account, and changes nothing', async () => {
      const { token } = await user({ name: 'A' });
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token, { 'if-match': '"stale"' }), payload: { name: 'B' } });
      expectProblem(res, 412, 'precondition_failed');
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('applies the change when If-Match is the current ETag', async () => {
      const { id, token } = await user({ name: 'A' });
      const etag = String((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).headers.etag);
      const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token, { 'if-match': etag }), payload: { name: 'B' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().name).toBe('B');
      expect(h.emu.state.users.get(id)?.name).toBe('B');
    });
  });

  describe('PATCH /me/profile', () => {
    it('merges claims: absent unchanged, null removed, address field by field', async () => {
      const { id, token } = await user({
        profile: { givenName: 'Ada', familyName: 'Byron', nickname: 'ada', address: { locality: 'London', country: 'GB' } },
      });
      const res = await h.t.inject({
        method: 'PATCH',
        url: '/me/profile',
        headers: bearer(token, { 'content-type': 'application/merge-patch+json' }),
        payload: JSON.stringify({ familyName: 'Lovelace', nickname: null, address: { country: null, postalCode: 'N1 9GU' }, zoneinfo: 'Europe/London' }),
      });
      expect(res.statusCode).toBe(200);
      const expected = { givenName: 'Ada', familyName: 'Lovelace', zoneinfo: 'Europe/London', address: { locality: 'London', postalCode: 'N1 9GU' } };
      expect(res.json().profile).toEqual(expected);
      expect(h.emu.state.users.get(id)?.profile).toEqual(expected);
    });

    it('uses the merging endpoint when nothing is removed', async () => {
      const { id, token } = await user({ profile: { givenName: 'Ada' } });
      h.emu.resetCounters();
      const res = await h.t.inject({ method: 'PATCH', url: '/me/profile', headers: bearer(token), payload: { website: 'https://ada.example.test' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().profile).toEqual({ givenName: 'Ada', website: 'https://ada.example.test' });
      expect(h.emu.state.users.get(id)?.profile).toEqual({ givenName: 'Ada', website: 'https://ada.example.test' });
      expect(h.emu.counters.byRoute['PATCH /api/users/:userId/profile']).toBe(1);
    });

    it.each([
      ['a birthdate in the future', { birthdate: '2999-01-01' }],
      ['an impossible birthdate', { birthdate: '2001-02-30' }],
      ['a badly formatted birthdate', { birthdate: '01/02/2001' }],
      ['an unknown time zone', { zoneinfo: 'Mars/Olympus' }],
      ['a malformed locale', { locale: 'not a locale!' }],
      ['a non-URL website', { website: 'nope' }],
      ['an address that is a string', { address: '1 Main St' }],
      ['an unknown address field', { address: { planet: 'Earth' } }],
      ['an unknown claim', { email: 'x@example.test' }],
    ])('rejects %s with 400 and changes nothing', async (_name, payload) => {
      const { token } = await user({ profile: { givenName: 'Ada' } });
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'PATCH', url: '/me/profile', headers: bearer(token), payload });
      const body = expectProblem(res, 400, 'request.validation_failed');
      expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.any(String), message: expect.any(String) })]));
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('accepts a valid birthdate, locale and time zone alias', async () => {
      const { id, token } = await user();
      const res = await h.t.inject({ method: 'PATCH', url: '/me/profile', headers: bearer(token), payload: { birthdate: '1915-12-10', locale: 'fr-CA', zoneinfo: 'America/Toronto' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().profile).toEqual({ birthdate: '1915-12-10', locale: 'fr-CA', zoneinfo: 'America/Toronto' });
      expect(h.emu.state.users.get(id)?.profile).toEqual({ birthdate: '1915-12-10', locale: 'fr-CA', zoneinfo: 'America/Toronto' });
    });

    it('answers 412 on a stale If-Match', async () => {
      const { token } = await user();
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'PATCH', url: '/me/profile', headers: bearer(token, { 'if-match': '"nope"' }), payload: { givenName: 'X' } });
      expectProblem(res, 412, 'precondition_failed');
      expect(h.emu.stateDigest()).toBe(before);
    });
  });

  it('needs the write scope for every PATCH and the read scope for GET', async () => {
    const seeded = h.emu.seedUser({ username: 'scoped_user' });
    const readOnly = await tokenFor(h.emu, seeded.id, ['account:read']);
    const writeOnly = await tokenFor(h.emu, seeded.id, ['account:write']);
    for (const url of ['/me', '/me/profile', '/me/custom-data']) {
      expectProblem(await h.t.inject({ method: 'PATCH', url, headers: bearer(readOnly), payload: {} }), 403, 'auth.insufficient_scope');
    }
    for (const url of ['/me', '/me/custom-data']) {
      expectProblem(await h.t.inject({ method: 'GET', url, headers: bearer(writeOnly) }), 403, 'auth.insufficient_scope');
    }
  });
});

describe('username change with step-up', () => {
  const h = useEmulatorApp();

  it('changes the username with a verified record and writes an audit line', async () => {
    const { id } = h.emu.seedUser({ username: 'old_name', password: 'long enough password' });
    const token = await tokenFor(h.emu, id);
    const verificationId = await grantStepUp(h.t, id);
    const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token, { 'verification-id': verificationId }), payload: { username: 'new_name' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().username).toBe('new_name');
    expect(h.emu.state.users.get(id)?.username).toBe('new_name');
    const audit = h.t.logLines().filter((line) => line.audit === true && line.userId === id);
    expect(audit).toEqual([expect.objectContaining({ event: 'username.changed' })]);
    expect(h.t.logs()).not.toContain(verificationId);
  });

  it('answers 409 username.already_in_use for a taken username, and changes nothing', async () => {
    h.emu.seedUser({ username: 'taken_name' });
    const { id } = h.emu.seedUser({ username: 'wants_taken', password: 'long enough password' });
    const token = await tokenFor(h.emu, id);
    const verificationId = await grantStepUp(h.t, id);
    const before = h.emu.stateDigest();
    const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token, { 'verification-id': verificationId }), payload: { username: 'taken_name' } });
    expectProblem(res, 409, 'username.already_in_use');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it("refuses another user's verification record", async () => {
    const { id: other } = h.emu.seedUser({ username: 'other_user' });
    const { id } = h.emu.seedUser({ username: 'victim_user', password: 'long enough password' });
    const token = await tokenFor(h.emu, id);
    const foreign = await grantStepUp(h.t, other);
    const before = h.emu.stateDigest();
    const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token, { 'verification-id': foreign }), payload: { username: 'stolen_name' } });
    expectProblem(res, 403, 'verification.required');
    expect(h.emu.stateDigest()).toBe(before);
    expect(h.emu.state.users.get(id)?.username).toBe('victim_user');
  });
});
