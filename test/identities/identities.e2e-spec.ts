import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, tokenFor, useEmulatorApp } from '../support/test-app.js';
import { auditLines, grantStepUp } from '../support/test-app.js';

const REDIRECT = 'https://app.example.test/account/linked';
const OTHER_REDIRECT = 'https://app.example.test/settings/linked';
const STATE = 'state-0123456789abcdef';

describe('Linked identities (/me/identities)', () => {
  const h = useEmulatorApp({ env: { SOCIAL_REDIRECT_URIS: `${REDIRECT},${OTHER_REDIRECT}` } });

  const seed = (fields: Parameters<LogtoEmulator['seedUser']>[0] = {}) =>
    h.emu.seedUser({ username: `user_${Math.random().toString(36).slice(2, 10)}`, password: 'correct horse battery', ...fields });

  async function as(userId: string, scopes?: string[]) {
    const token = await tokenFor(h.emu, userId, scopes);
    return (extra: Record<string, string> = {}) => bearer(token, extra);
  }

  describe('GET /me/identities', () => {
    it('lists social and SSO identities with only name, email and avatar from the provider details', async () => {
      const user = seed();
      h.emu.linkSocialIdentity(user.id, 'github', {
        userId: 'gh-12345',
        details: {
          name: 'Octo Cat',
          email: 'octo@example.test',
          avatar: 'https://avatars.example.test/octo.png',
          accessToken: 'gho_provider-access-token',
          rawData: { login: 'octocat', token: 'raw-secret' },
        },
      });
      h.emu.linkSocialIdentity(user.id, 'mock-social', { userId: 'mock-social-user-1', details: { id: 'mock-social-user-1' } });
      const sso = h.emu.addSsoIdentity(user.id, {
        ssoConnectorId: 'sso-connector-1',
        issuer: 'https://idp.example.test',
        identityId: 'idp-user-7',
        detail: { email: 'worker@corp.example.test', groups: ['admins'] },
      });
      const headers = await as(user.id, ['account:read']);

      const res = await h.t.inject({ method: 'GET', url: '/me/identities', headers: headers() });

      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        social: [
          { target: 'github', identityId: 'gh-12345', name: 'Octo Cat', email: 'octo@example.test', avatar: 'https://avatars.example.test/octo.png' },
          { target: 'mock-social', connectorId: h.emu.connectorIds.socialConnectorId, identityId: 'mock-social-user-1' },
        ],
        sso: [
          {
            ssoConnectorId: 'sso-connector-1',
            issuer: 'https://idp.example.test',
            identityId: 'idp-user-7',
            email: 'worker@corp.example.test',
            linkedAt: new Date(sso.createdAt).toISOString(),
          },
        ],
      });
      expect(res.body).not.toMatch(/gho_provider-access-token|raw-secret|rawData|accessToken/);
    });

    it('answers empty lists for a user without identities', async () => {
      const user = seed();
      const res = await h.t.inject({ method: 'GET', url: '/me/identities', headers: (await as(user.id))() });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ social: [], sso: [] });
    });
  });

  describe('POST /me/identities/social/authorization-uri', () => {
    const call = async (userId: string, payload: Record<string, unknown>) =>
      h.t.inject({ method: 'POST', url: '/me/identities/social/authorization-uri', headers: (await as(userId))(), payload });

    it("answers the connector's authorization URI for an allowed redirect URI", async () => {
      const user = seed();
      const res = await call(user.id, { connectorId: h.emu.connectorIds.socialConnectorId, redirectUri: OTHER_REDIRECT, state: STATE });
      expect(res.statusCode).toBe(200);
      const uri = new URL((res.json() as { authorizationUri: string }).authorizationUri);
      expect(uri.searchParams.get('state')).toBe(STATE);
      expect(uri.searchParams.get('redirect_uri')).toBe(OTHER_REDIRECT);
    });

    it.each([
      ['a longer path', `${REDIRECT}/evil`],
      ['a trailing slash', `${REDIRECT}/`],
      ['a query string', `${REDIRECT}?next=https://evil.example`],
      ['another host', 'https://evil.example/account/linked'],
      ['another scheme', REDIRECT.replace('https:', 'http:')],
      ['different case', REDIRECT.toUpperCase()],
    ])('refuses a redirect URI that is not exactly allowlisted (%s) without calling Logto', async (_label, redirectUri) => {
      const user = seed();
      const before = h.emu.counters.byRoute['POST /api/connectors/:connectorId/authorization-uri'] ?? 0;
      const res = await call(user.id, { connectorId: h.emu.connectorIds.socialConnectorId, redirectUri, state: STATE });
      expectProblem(res, 400, 'identity.redirect_uri_not_allowed');
      expect(h.emu.counters.byRoute['POST /api/connectors/:connectorId/authorization-uri'] ?? 0).toBe(before);
    });

    it.each([
      ['16', 'x'.repeat(16), 200],
      ['512', 'x'.repeat(512), 200],
      ['15', 'x'.repeat(15), 400],
      ['513', 'x'.repeat(513), 400],
    ])('takes a state of %s characters → %s', async (_label, state, status) => {
      const user = seed();
      const res = await call(user.id, { connectorId: h.emu.connectorIds.socialConnectorId, redirectUri: REDIRECT, state });
      if (status === 400) expectProblem(res, 400, 'request.validation_failed');
      else expect(res.statusCode).toBe(200);
    });

    it('requires state, and refuses control characters in it', async () => {
      const user = seed();
      const connectorId = h.emu.connectorIds.socialConnectorId;
      expectProblem(await call(user.id, { connectorId, redirectUri: REDIRECT }), 400, 'request.validation_failed');
      expectProblem(await call(user.id, { connectorId, redirectUri: REDIRECT, state: `${STATE}\n\r` }), 400, 'request.validation_failed');
    });

    it('answers 404 connector.not_found for an unknown or a non-social connector', async () => {
      const user = seed();
      expectProblem(await call(user.id, { connectorId: 'doesnotexist', redirectUri: REDIRECT, state: STATE }), 404, 'connector.not_found');
      expectProblem(
        await call(user.id, { connectorId: h.emu.connectorIds.emailConnectorId, redirectUri: REDIRECT, state: STATE }),
        404,
        'connector.not_found',
      );
    });
  });

  describe('POST /me/identities/social', () => {
    const link = async (userId: string, payload: Record<string, unknown>, verificationId?: string) =>
      h.t.inject({
        method: 'POST',
        url: '/me/identities/social',
        headers: (await as(userId))(verificationId ? { 'verification-id': verificationId } : {}),
        payload,
      });
    const mockData = (socialUserId: string, state?: string) => ({
      code: 'provider-authorization-code-123',
      ...(state === undefined ? {} : { state }),
      userId: socialUserId,
      email: 'social.user@example.test',
      name: 'Social User',
    });
    /** Starts the user's linking flow (authorization-uri), whose state linking needs (social-link-state.e2e-spec.ts). */
    const startFlow = async (userId: string): Promise<string> => {
      const state = `flow-state-${userId}-0123456789`;
      const res = await h.t.inject({
        method: 'POST',
        url: '/me/identities/social/authorization-uri',
        headers: (await as(userId))(),
        payload: { connectorId: h.emu.connectorIds.socialConnectorId, redirectUri: REDIRECT, state },
      });
      expect(res.statusCode).toBe(200);
      return state;
    };

    it('links the identity after step-up and answers 201 with it', async () => {
      const user = seed();
      const verificationId = await grantStepUp(h.t, user.id);
      const state = await startFlow(user.id);

      const res = await link(user.id, { connectorId: h.emu.connectorIds.socialConnectorId, connectorData: mockData('social-linker-1', state) }, verificationId);

      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        target: 'mock-social',
        connectorId: h.emu.connectorIds.socialConnectorId,
        identityId: 'social-linker-1',
        name: 'Social User',
        email: 'social.user@example.test',
      });
      expect(h.emu.state.users.get(user.id)!.identities['mock-social']?.userId).toBe('social-linker-1');
      expect(auditLines(h.t, 'identity.linked').at(-1)).toMatchObject({ userId: user.id, details: { target: 'mock-social' } });
      expect(h.t.logs()).not.toContain('provider-authorization-code-123');
      expect(h.t.logs()).not.toContain(state);
      expect(h.t.logs()).not.toContain(verificationId);
    });

    it('answers 403 verification.required without a verified step-up and links nothing', async () => {
      const user = seed({ primaryEmail: 'needs.stepup@example.test' });
      const digest = h.emu.stateDigest();
      const res = await link(user.id, { connectorId: h.emu.connectorIds.socialConnectorId, connectorData: mockData('social-nostep') });
      const body = expectProblem(res, 403, 'verification.required');
      expect(body.methods).toEqual(['password', 'email']);
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it("refuses another user's step-up record", async () => {
      const user = seed();
      const other = seed();
      const digest = h.emu.stateDigest();
      const res = await link(
        user.id,
        { connectorId: h.emu.connectorIds.socialConnectorId, connectorData: mockData('social-foreign') },
        await grantStepUp(h.t, other.id),
      );
      expectProblem(res, 403, 'verification.required');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it('answers 409 identity.already_in_use when another account holds the identity', async () => {
      const owner = seed();
      h.emu.linkSocialIdentity(owner.id, 'mock-social', { userId: 'taken-social-user' });
      const user = seed();
      const verificationId = await grantStepUp(h.t, user.id);
      const state = await startFlow(user.id);
      const digest = h.emu.stateDigest();
      const res = await link(user.id, { connectorId: h.emu.connectorIds.socialConnectorId, connectorData: mockData('taken-social-user', state) }, verificationId);
      expectProblem(res, 409, 'identity.already_in_use');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it('answers 422 identity.verification_failed when the provider rejects the data', async () => {
      const user = seed();
      const verificationId = await grantStepUp(h.t, user.id);
      const state = await startFlow(user.id);
      const digest = h.emu.stateDigest();
      const res = await link(user.id, { connectorId: h.emu.connectorIds.socialConnectorId, connectorData: { foo: 'bar', state } }, verificationId);
      expectProblem(res, 422, 'identity.verification_failed');
      expect(res.body).not.toContain('foo');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it('answers 404 connector.not_found for an unknown or non-social connector, before asking for step-up', async () => {
      const user = seed();
      const digest = h.emu.stateDigest();
      expectProblem(await link(user.id, { connectorId: 'doesnotexist', connectorData: mockData('x1') }), 404, 'connector.not_found');
      expectProblem(await link(user.id, { connectorId: h.emu.connectorIds.emailConnectorId, connectorData: mockData('x2') }), 404, 'connector.not_found');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it.each([
      ['connectorData missing', { connectorId: 'abc' }],
      ['connectorData not an object', { connectorId: 'abc', connectorData: 'code=1' }],
      ['connectorId with a slash', { connectorId: '../users', connectorData: {} }],
      ['an unknown field', { connectorId: 'abc', connectorData: {}, target: 'github' }],
    ])('answers 400 for a bad body (%s) without calling Logto', async (_label, payload) => {
      const user = seed();
      const token = await tokenFor(h.emu, user.id);
      const before = h.emu.counters.managementCalls;
      const res = await h.t.inject({ method: 'POST', url: '/me/identities/social', headers: bearer(token), payload });
      expectProblem(res, 400, 'request.validation_failed');
      expect(h.emu.counters.managementCalls).toBe(before);
    });

    it('needs the write scope', async () => {
      const user = seed();
      const res = await h.t.inject({
        method: 'POST',
        url: '/me/identities/social',
        headers: (await as(user.id, ['account:read']))({ 'verification-id': await grantStepUp(h.t, user.id) }),
        payload: { connectorId: h.emu.connectorIds.socialConnectorId, connectorData: mockData('social-readonly') },
      });
      expectProblem(res, 403, 'auth.insufficient_scope');
    });
  });

  describe('DELETE /me/identities/social/{target}', () => {
    const unlink = async (userId: string, target: string, verificationId?: string) =>
      h.t.inject({
        method: 'DELETE',
        url: `/me/identities/social/${encodeURIComponent(target)}`,
        headers: (await as(userId))(verificationId ? { 'verification-id': verificationId } : {}),
      });

    it('unlinks after step-up: 204, gone from the list, one audit line', async () => {
      const user = seed();
      h.emu.linkSocialIdentity(user.id, 'github', { userId: 'gh-unlink' });
      const res = await unlink(user.id, 'github', await grantStepUp(h.t, user.id));
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(h.emu.state.users.get(user.id)!.identities).toEqual({});
      expect(auditLines(h.t, 'identity.unlinked').filter((line) => line.userId === user.id)).toHaveLength(1);
    });

    it('answers 403 verification.required without step-up and unlinks nothing', async () => {
      const user = seed();
      h.emu.linkSocialIdentity(user.id, 'github', { userId: 'gh-nostep' });
      const digest = h.emu.stateDigest();
      expectProblem(await unlink(user.id, 'github'), 403, 'verification.required');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it('answers 404 identity.not_found for a target that is not linked (including SSO connectors and Object keys)', async () => {
      const user = seed();
      h.emu.addSsoIdentity(user.id, { ssoConnectorId: 'corp-sso', identityId: 'corp-1' });
      const verificationId = await grantStepUp(h.t, user.id);
      const digest = h.emu.stateDigest();
      for (const target of ['github', 'corp-sso', 'constructor', 'toString']) {
        expectProblem(await unlink(user.id, target, verificationId), 404, 'identity.not_found');
      }
      expect(h.emu.stateDigest()).toBe(digest);
    });

    it.each([['x'.repeat(129)], ['has space'], ['-leading-dash'], ['a/b']])(
      'answers 400 for a malformed target %p without calling Logto',
      async (target) => {
        const user = seed();
        const before = h.emu.counters.managementCalls;
        const res = await unlink(user.id, target, await grantStepUp(h.t, user.id));
        expectProblem(res, 400, 'request.validation_failed');
        expect(h.emu.counters.managementCalls).toBe(before);
      },
    );

    it('answers 409 account.last_sign_in_method even with a valid step-up', async () => {
      const user = h.emu.seedUser({});
      h.emu.linkSocialIdentity(user.id, 'github', { userId: 'gh-only-way' });
      const digest = h.emu.stateDigest();
      expectProblem(await unlink(user.id, 'github', await grantStepUp(h.t, user.id)), 409, 'account.last_sign_in_method');
      expect(h.emu.stateDigest()).toBe(digest);
    });

    /**
     * Every combination of what else the account has. Password counts only with an identifier to type
     * (username, email or phone); email, phone, another social identity and an SSO identity count alone.
     */
    const combinations = Array.from({ length: 64 }, (_, bits) => ({
      password: Boolean(bits & 1),
      username: Boolean(bits & 2),
      email: Boolean(bits & 4),
      phone: Boolean(bits & 8),
      otherSocial: Boolean(bits & 16),
      sso: Boolean(bits & 32),
    })).map((has) => ({
      ...has,
      label: Object.entries(has)
        .filter(([, value]) => value)
        .map(([key]) => key)
        .join('+') || 'nothing else',
      keeps: (has.password && (has.username || has.email || has.phone)) || has.email || has.phone || has.otherSocial || has.sso,
    }));

    it.each(combinations)('removing the social identity when the account has $label → keeps a way in: $keeps', async (has) => {
      const n = Math.random().toString(36).slice(2, 10);
      const user = h.emu.seedUser({
        username: has.username ? `combo_${n}` : null,
        primaryEmail: has.email ? `combo.${n}@example.test` : null,
        primaryPhone: has.phone ? `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` : null,
        password: has.password ? 'correct horse battery' : undefined,
      });
      h.emu.linkSocialIdentity(user.id, 'mock-social', { userId: `combo-social-${n}` });
      if (has.otherSocial) h.emu.linkSocialIdentity(user.id, 'github', { userId: `combo-gh-${n}` });
      if (has.sso) h.emu.addSsoIdentity(user.id, { ssoConnectorId: 'combo-sso', identityId: `combo-sso-${n}` });

      if (has.keeps) {
        const res = await unlink(user.id, 'mock-social', await grantStepUp(h.t, user.id));
        expect(res.statusCode).toBe(204);
        expect(Object.keys(h.emu.state.users.get(user.id)!.identities)).toEqual(has.otherSocial ? ['github'] : []);
      } else {
        // No Verification-Id: the 409 comes before the step-up check, so nobody verifies for a refused change.
        const digest = h.emu.stateDigest();
        expectProblem(await unlink(user.id, 'mock-social'), 409, 'account.last_sign_in_method');
        expect(h.emu.stateDigest()).toBe(digest);
      }
    });
  });
});
