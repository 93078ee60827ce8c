import { auditLines } from '../support/test-app.js';
import { bearer, expectProblem, tokenFor, useEmulatorApp } from '../support/test-app.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('Authorized apps (/me/grants)', () => {
  const h = useEmulatorApp();

  const seed = () => h.emu.seedUser({ username: `grant_${Math.random().toString(36).slice(2, 10)}` });
  async function headersFor(userId: string, scopes?: string[]) {
    return bearer(await tokenFor(h.emu, userId, scopes));
  }

  describe('GET /me/grants', () => {
    it('lists the applications the user granted access to, with scopes and resources', async () => {
      const user = seed();
      const other = seed();
      const issuedAt = Date.now() - 86_400_000;
      const session = h.emu.addSession(user.id, { clientId: 'webappclient', applicationName: 'Web app', loginAt: issuedAt });
      const thirdParty = h.emu.addGrant(user.id, {
        clientId: 'partnerclient',
        applicationName: 'Partner dashboard',
        isThirdParty: true,
        scope: 'openid profile',
        resources: { 'https://api.partner.example': 'read:reports', 'https://account.example.test': 'account:read' },
      });
      h.emu.addGrant(other.id, { clientId: 'partnerclient' });

      const res = await h.t.inject({ method: 'GET', url: '/me/grants', headers: await headersFor(user.id, ['account:read']) });

      expect(res.statusCode).toBe(200);
      const sessionGrant = h.emu.state.grants.get(session.grantId)!;
      expect(res.json()).toEqual({
        items: [
          {
            id: session.grantId,
            application: { id: 'webappclient', name: 'Web app' },
            scopes: ['openid', 'offline_access', 'profile', 'email', 'phone', 'custom_data', 'identities', 'urn:logto:scope:sessions'],
            resources: [{ resource: 'https://account.example.test', scopes: ['account:write', 'account:read'] }],
            createdAt: iso(sessionGrant.payload.iat * 1000),
            expiresAt: iso(sessionGrant.expiresAt),
          },
          {
            id: thirdParty.payload.jti,
            application: { id: 'partnerclient', name: 'Partner dashboard' },
            scopes: ['openid', 'profile'],
            resources: [
              { resource: 'https://api.partner.example', scopes: ['read:reports'] },
              { resource: 'https://account.example.test', scopes: ['account:read'] },
            ],
            createdAt: iso(thirdParty.payload.iat * 1000),
            expiresAt: iso(thirdParty.expiresAt),
          },
        ],
      });
    });

    it('answers an empty list for a user without grants', async () => {
      const res = await h.t.inject({ method: 'GET', url: '/me/grants', headers: await headersFor(seed().id) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [] });
    });
  });

  describe('DELETE /me/grants/{grantId}', () => {
    it('revokes the grant and removes it from the session that authorized it', async () => {
      const user = seed();
      const session = h.emu.addSession(user.id, { clientId: 'webappclient' });
      const kept = h.emu.addGrant(user.id, { clientId: 'partnerclient' });
      const headers = await headersFor(user.id);

      const res = await h.t.inject({ method: 'DELETE', url: `/me/grants/${session.grantId}`, headers });

      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      const listed = (await h.t.inject({ method: 'GET', url: '/me/grants', headers })).json() as { items: Array<{ id: string }> };
      expect(listed.items.map((grant) => grant.id)).toEqual([kept.payload.jti]);
      expect(h.emu.state.sessions.get(session.sessionId)!.payload.authorizations).toEqual({});
      expect(auditLines(h.t, 'grant.revoked').at(-1)).toMatchObject({ userId: user.id, details: { grantId: session.grantId } });
    });

    it("answers 404 grant.not_found for another user's grant and revokes nothing", async () => {
      const user = seed();
      const victim = seed();
      h.emu.addGrant(user.id, { clientId: 'partnerclient' });
      const theirs = h.emu.addSession(victim.id);
      const digest = h.emu.stateDigest();
      const deletesBefore = h.emu.counters.byRoute['DELETE /api/users/:userId/grants/:grantId'] ?? 0;

      const res = await h.t.inject({ method: 'DELETE', url: `/me/grants/${theirs.grantId}`, headers: await headersFor(user.id) });

      expectProblem(res, 404, 'grant.not_found');
      expect(h.emu.stateDigest()).toBe(digest);
      expect(h.emu.state.grants.has(theirs.grantId)).toBe(true);
      // Ownership is settled from the user's own list: the foreign id never reaches Logto's DELETE.
      expect(h.emu.counters.byRoute['DELETE /api/users/:userId/grants/:grantId'] ?? 0).toBe(deletesBefore);
    });

    it('answers 404 grant.not_found for an unknown or already revoked grant', async () => {
      const user = seed();
      const grant = h.emu.addGrant(user.id, { clientId: 'partnerclient' });
      const headers = await headersFor(user.id);
      expect((await h.t.inject({ method: 'DELETE', url: `/me/grants/${grant.payload.jti}`, headers })).statusCode).toBe(204);
      const digest = h.emu.stateDigest();
      expectProblem(await h.t.inject({ method: 'DELETE', url: `/me/grants/${grant.payload.jti}`, headers }), 404, 'grant.not_found');
      expectProblem(await h.t.inject({ method: 'DELETE', url: '/me/grants/unknown-grant-id', headers }), 404, 'grant.not_found');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it.each([['g'.repeat(65)], ['has.dot'], ['a%20b']])('answers 400 for a malformed id %p without calling Logto', async (id) => {
      const headers = await headersFor(seed().id);
      const before = h.emu.counters.managementCalls;
      expectProblem(await h.t.inject({ method: 'DELETE', url: `/me/grants/${id}`, headers }), 400, 'request.validation_failed');
      expect(h.emu.counters.managementCalls).toBe(before);
    });

    it('needs the write scope', async () => {
      const user = seed();
      const grant = h.emu.addGrant(user.id, { clientId: 'partnerclient' });
      const res = await h.t.inject({ method: 'DELETE', url: `/me/grants/${grant.payload.jti}`, headers: await headersFor(user.id, ['account:read']) });
      expectProblem(res, 403, 'auth.insufficient_scope');
      expect(h.emu.state.grants.has(grant.payload.jti)).toBe(true);
    });
  });
});
