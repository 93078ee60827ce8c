/**
 * What the gateway accepts from Logto (issue #18, item 13): an answer about another user than the caller (a
 * proxy or cache that mixes answers up) is refused with 502, a malformed answer is a 502 and never a 500, and
 * no id reaches an upstream path unless it is a safe path segment, whatever its source.
 */
import { LogtoManagementGateway } from '../../src/logto/logto-management.gateway.js';
import { toUserResponse } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, grantStepUp, TEST_AUDIENCE, tokenFor, useEmulatorApp } from '../support/test-app.js';
import { seedRichAccount, type RichAccount } from '../hardening/hardening-support.js';

describe('answers from Logto are checked against the caller and the expected shapes', () => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json' } });
  let me: RichAccount;
  let other: RichAccount;

  beforeEach(async () => {
    me = await seedRichAccount(h.emu);
    other = await seedRichAccount(h.emu);
    // Both have activity in Logto's logs: the answers for one would be a plausible answer for the other.
    for (const account of [me, other]) {
      const payload = { key: 'Interaction.SignIn.Submit', userId: account.userId, result: 'Success' as const, ip: '192.0.2.7', userAgent: 'test' };
      h.emu.state.addLog({ key: payload.key, payload, createdAt: Date.now() });
    }
  });
  afterEach(() => h.emu.clearFaults());

  const get = (url: string, token = me.token) => h.t.inject({ method: 'GET', url, headers: bearer(token) });

  describe("another user's answer", () => {
    it.each([
      ['GET /me', '/me', 'getUser'],
      ['GET /me/export', '/me/export', 'getUser'],
      ['GET /me/sessions', '/me/sessions', 'listSessions'],
      ['GET /me/grants', '/me/grants', 'listGrants'],
      ['GET /me/activity', '/me/activity', 'listUserLogs'],
    ])('%s is refused with 502 upstream.bad_response and shows nothing of the other account', async (_name, url) => {
      h.emu.setFault({ methods: ['GET'], swapUser: { from: me.userId, to: other.userId } });
      const res = await get(url);
      expectProblem(res, 502, 'upstream.bad_response');
      for (const secret of [other.userId, other.email, other.phone, other.sessionId, other.grantId]) expect(res.body).not.toContain(secret);
    });

    it('PATCH /me refuses an update answered with another user, without showing it', async () => {
      const answer = toUserResponse(h.emu.state.users.get(other.userId)!, true);
      h.emu.setFault({ match: `/api/users/${me.userId}`, methods: ['PATCH'], status: 200, body: answer });
      const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(me.token), payload: { name: 'Renamed' } });
      expectProblem(res, 502, 'upstream.bad_response');
      expect(res.body).not.toContain(other.email);
    });

    it('is logged as an error naming the operation, without either user id', async () => {
      h.emu.setFault({ methods: ['GET'], swapUser: { from: me.userId, to: other.userId } });
      const logged = h.t.logLines().length;
      expectProblem(await get('/me'), 502, 'upstream.bad_response');
      const lines = h.t.logLines().slice(logged);
      const refused = lines.filter((line) => String(line.msg).includes('another user'));
      expect(refused).toEqual([expect.objectContaining({ operation: 'getUser' })]);
      expect(JSON.stringify(lines)).not.toContain(other.userId);
    });

    it('the same routes answer normally without the fault', async () => {
      for (const url of ['/me', '/me/sessions', '/me/grants', '/me/activity']) expect((await get(url)).statusCode).toBe(200);
    });
  });

  describe('a malformed answer', () => {
    const meGetRoutes = ['/me', '/me/custom-data', '/me/password', '/me/mfa', '/me/sessions', '/me/grants', '/me/identities', '/me/organizations', '/me/activity', '/me/security', '/me/export'];

    it.each(meGetRoutes)('GET %s → 502 upstream.bad_response, never a 500', async (url) => {
      // No answer the gateway reads is an array of strings.
      h.emu.setFault({ match: '/api/', methods: ['GET'], status: 200, body: ['unexpected'] });
      expectProblem(await get(url), 502, 'upstream.bad_response');
    });

    it.each([
      ['a user without its id', (user: Record<string, unknown>) => ({ ...user, id: undefined })],
      ['a user whose customData is a string', (user: Record<string, unknown>) => ({ ...user, customData: 'x' })],
      ['a user whose identities are not objects', (user: Record<string, unknown>) => ({ ...user, identities: { github: 'x' } })],
      ['null', () => null],
    ])('GET /me with %s → 502', async (_name, mangle) => {
      const user = toUserResponse(h.emu.state.users.get(me.userId)!, true) as unknown as Record<string, unknown>;
      h.emu.setFault({ match: `/api/users/${me.userId}`, methods: ['GET'], status: 200, body: JSON.stringify(mangle(user)) });
      expectProblem(await get('/me'), 502, 'upstream.bad_response');
    });

    it('a session list with an entry of another account → 502', async () => {
      const session = h.emu.state.sessions.get(other.sessionId)!;
      h.emu.setFault({ match: `/api/users/${me.userId}/sessions`, methods: ['GET'], status: 200, body: { sessions: [session] } });
      expectProblem(await get('/me/sessions'), 502, 'upstream.bad_response');
    });
  });

  describe('ids in upstream paths', () => {
    it("a token whose sub is '..' never reaches the tenant-wide /api/organizations", async () => {
      const before = h.emu.counters.byRoute['GET /api/organizations'] ?? 0;
      const token = await h.emu.mintUserToken({ sub: '..', scopes: ['account:read'], audience: TEST_AUDIENCE });
      const res = await get('/me/organizations', token);
      // Refused before any call: by the token guard (401) or, whatever the guard lets through, by the gateway.
      expect([401, 404]).toContain(res.statusCode);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(h.emu.counters.byRoute['GET /api/organizations'] ?? 0).toBe(before);
      expect(h.emu.requests.some((request) => /\/\.\.?(\/|\?|$)/.test(request.url))).toBe(false);
    });

    it("a session id '..' read from Logto is never put in a path: signing out everywhere cannot become DELETE /api/users/{id}", async () => {
      const planted = h.emu.addSession(me.userId, { clientId: 'plantedapp' });
      h.emu.state.sessions.get(planted.sessionId)!.payload.uid = '..';
      const requestsBefore = h.emu.requests.length;

      const res = await h.t.inject({ method: 'DELETE', url: '/me/sessions', headers: bearer(me.token, { 'verification-id': await grantStepUp(h.t, me.userId) }) });

      expect(res.statusCode).toBe(204);
      const sent = h.emu.requests.slice(requestsBefore).map((request) => `${request.method} ${request.url.split('?')[0]}`);
      expect(sent.filter((line) => line.includes('..') || /^DELETE \/api\/users\/[^/]+\/?$/.test(line))).toEqual([]);
      expect(h.emu.state.users.has(me.userId)).toBe(true);
      expect(sent).toContain(`DELETE /api/users/${me.userId}/sessions/${me.sessionId}`);
    });

    it.each([['.'], ['..'], [''], ['a/b'], ['a%2Fb'], ['a?b'], ['é']])(
      'the gateway refuses the id %j with a domain error before any call',
      async (id) => {
        const gateway = h.t.app.get(LogtoManagementGateway);
        const calls = h.emu.counters.managementCalls;
        await expect(gateway.listOrganizations(id)).rejects.toMatchObject({ name: 'DomainError', code: 'account.not_found' });
        await expect(gateway.listUserLogs(id, { page: 1, pageSize: 1 })).rejects.toMatchObject({ code: 'account.not_found' });
        await expect(gateway.deleteSession(me.userId, id, true)).rejects.toMatchObject({ code: 'session.not_found' });
        await expect(gateway.deleteGrant(me.userId, id)).rejects.toMatchObject({ code: 'grant.not_found' });
        await expect(gateway.deleteMfaVerification(me.userId, id)).rejects.toMatchObject({ code: 'mfa.not_found' });
        await expect(gateway.unlinkSocialIdentity(me.userId, id)).rejects.toMatchObject({ code: 'identity.not_found' });
        await expect(gateway.createSocialAuthorizationUri(id, { redirectUri: 'https://a.example', state: 'x'.repeat(16) })).rejects.toMatchObject({
          code: 'connector.not_found',
        });
        expect(h.emu.counters.managementCalls).toBe(calls);
      },
    );
  });

  it('a token for a user that answers normally is unaffected (control)', async () => {
    const token = await tokenFor(h.emu, me.userId);
    expect((await get('/me', token)).json()).toMatchObject({ id: me.userId });
  });
});
