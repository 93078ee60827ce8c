import { auditLines, grantStepUp } from '../support/test-app.js';
import { bearer, expectProblem, tokenFor, useEmulatorApp } from '../support/test-app.js';

const iso = (ms: number) => new Date(ms).toISOString();

describe('Sign-in sessions (/me/sessions)', () => {
  const h = useEmulatorApp();

  const seed = () => h.emu.seedUser({ username: `sess_${Math.random().toString(36).slice(2, 10)}`, password: 'correct horse battery' });
  async function headersFor(userId: string, extra: Record<string, string> = {}, scopes?: string[]) {
    return bearer(await tokenFor(h.emu, userId, scopes), extra);
  }
  const grantIdsOf = (userId: string) =>
    [...h.emu.state.grants.values()].filter((grant) => grant.payload.accountId === userId).map((grant) => grant.payload.jti);
  const sessionIdsOf = (userId: string) => [...h.emu.state.sessions.values()].filter((s) => s.accountId === userId).map((s) => s.payload.uid);

  describe('GET /me/sessions', () => {
    it("lists the user's sessions with applications, times, IP, user agent and sign-in method", async () => {
      const user = seed();
      const other = seed();
      const loginAt = Date.now() - 3_600_000;
      const web = h.emu.addSession(user.id, {
        clientId: 'webappclient',
        applicationName: 'Web app',
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
        loginAt,
      });
      const bare = h.emu.addSession(user.id, { clientId: 'nograntclient', applicationName: 'Kiosk', grant: false, ip: '198.51.100.2' });
      h.emu.addSession(other.id, { clientId: 'webappclient' });

      const res = await h.t.inject({ method: 'GET', url: '/me/sessions', headers: await headersFor(user.id, {}, ['account:read']) });

      expect(res.statusCode).toBe(200);
      const webSession = h.emu.state.sessions.get(web.sessionId)!;
      const bareSession = h.emu.state.sessions.get(bare.sessionId)!;
      expect(res.json()).toEqual({
        items: [
          {
            id: web.sessionId,
            applications: [{ id: 'webappclient', name: 'Web app' }],
            signedInAt: iso(Math.floor(loginAt / 1000) * 1000),
            expiresAt: iso(webSession.expiresAt),
            ip: '203.0.113.7',
            userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
            method: 'password',
          },
          {
            // No grant for this application: Logto's session has no name to give.
            id: bare.sessionId,
            applications: [{ id: 'nograntclient' }],
            signedInAt: iso(bareSession.payload.loginTs * 1000),
            expiresAt: iso(bareSession.expiresAt),
            ip: '198.51.100.2',
            userAgent: 'node',
            method: 'password',
          },
        ],
      });
      expect(res.body).not.toContain(webSession.payload.jti);
    });

    it('answers an empty list for a user without sessions', async () => {
      const user = seed();
      const res = await h.t.inject({ method: 'GET', url: '/me/sessions', headers: await headersFor(user.id) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [] });
    });
  });

  describe('DELETE /me/sessions/{sessionId}', () => {
    it("ends the session and revokes its grant, leaving the user's other sessions", async () => {
      const user = seed();
      const target = h.emu.addSession(user.id);
      const kept = h.emu.addSession(user.id);

      const res = await h.t.inject({ method: 'DELETE', url: `/me/sessions/${target.sessionId}`, headers: await headersFor(user.id) });

      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(sessionIdsOf(user.id)).toEqual([kept.sessionId]);
      expect(grantIdsOf(user.id)).toEqual([kept.grantId]);
      expect(h.emu.requests.some((r) => r.method === 'DELETE' && r.url.includes(`/sessions/${target.sessionId}?revokeGrantsTarget=all`))).toBe(true);
      expect(auditLines(h.t, 'session.revoked').at(-1)).toMatchObject({ userId: user.id, details: { sessionId: target.sessionId } });
    });

    it("answers 404 session.not_found for another user's session and revokes nothing", async () => {
      const user = seed();
      const victim = seed();
      h.emu.addSession(user.id);
      const theirs = h.emu.addSession(victim.id);
      const digest = h.emu.stateDigest();

      const res = await h.t.inject({ method: 'DELETE', url: `/me/sessions/${theirs.sessionId}`, headers: await headersFor(user.id) });

      expectProblem(res, 404, 'session.not_found');
      expect(res.body).not.toContain(victim.id);
      expect(h.emu.stateDigest()).toBe(digest);
      expect(h.emu.state.sessions.has(theirs.sessionId)).toBe(true);
      expect(h.emu.state.grants.has(theirs.grantId)).toBe(true);
    });

    it('answers 404 session.not_found for an unknown or already ended session', async () => {
      const user = seed();
      const session = h.emu.addSession(user.id);
      const headers = await headersFor(user.id);
      expect((await h.t.inject({ method: 'DELETE', url: `/me/sessions/${session.sessionId}`, headers })).statusCode).toBe(204);
      const digest = h.emu.stateDigest();
      expectProblem(await h.t.inject({ method: 'DELETE', url: `/me/sessions/${session.sessionId}`, headers }), 404, 'session.not_found');
      expectProblem(await h.t.inject({ method: 'DELETE', url: '/me/sessions/unknown-session-id', headers }), 404, 'session.not_found');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it.each([['x'.repeat(65)], ['has.dot'], ['semi;colon'], ['it%27s']])('answers 400 for a malformed id %p without calling Logto', async (id) => {
      const user = seed();
      const headers = await headersFor(user.id);
      const before = h.emu.counters.managementCalls;
      expectProblem(await h.t.inject({ method: 'DELETE', url: `/me/sessions/${id}`, headers }), 400, 'request.validation_failed');
      expect(h.emu.counters.managementCalls).toBe(before);
    });

    it('needs the write scope', async () => {
      const user = seed();
      const session = h.emu.addSession(user.id);
      const res = await h.t.inject({ method: 'DELETE', url: `/me/sessions/${session.sessionId}`, headers: await headersFor(user.id, {}, ['account:read']) });
      expectProblem(res, 403, 'auth.insufficient_scope');
      expect(h.emu.state.sessions.has(session.sessionId)).toBe(true);
    });
  });

  describe('DELETE /me/sessions (sign out everywhere)', () => {
    it('answers 403 verification.required without step-up and ends nothing', async () => {
      const user = seed();
      h.emu.addSession(user.id);
      h.emu.addSession(user.id);
      const digest = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'DELETE', url: '/me/sessions', headers: await headersFor(user.id) });
      const body = expectProblem(res, 403, 'verification.required');
      expect(body.methods).toEqual(['password']);
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it("ends every session of the user and the grants authorized in them, and no one else's", async () => {
      const user = seed();
      const other = seed();
      h.emu.addSession(user.id, { clientId: 'webappclient' });
      h.emu.addSession(user.id, { clientId: 'mobileclient' });
      h.emu.addSession(user.id, { clientId: 'kioskclient', grant: false });
      const theirs = h.emu.addSession(other.id);

      const res = await h.t.inject({
        method: 'DELETE',
        url: '/me/sessions',
        headers: await headersFor(user.id, { 'verification-id': await grantStepUp(h.t, user.id) }),
      });

      expect(res.statusCode).toBe(204);
      expect(sessionIdsOf(user.id)).toEqual([]);
      expect(grantIdsOf(user.id)).toEqual([]);
      expect(sessionIdsOf(other.id)).toEqual([theirs.sessionId]);
      expect(grantIdsOf(other.id)).toEqual([theirs.grantId]);
      expect(auditLines(h.t, 'sessions.revoked_all').at(-1)).toMatchObject({ userId: user.id, details: { count: 3 } });
    });

    it('answers 204 when there is no session left', async () => {
      const user = seed();
      const res = await h.t.inject({
        method: 'DELETE',
        url: '/me/sessions',
        headers: await headersFor(user.id, { 'verification-id': await grantStepUp(h.t, user.id) }),
      });
      expect(res.statusCode).toBe(204);
    });
  });
});
