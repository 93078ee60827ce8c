/**
 * `stateDigest()` proves in other suites that a refused request changed nothing, so it must depend on
 * the account state only: no read may change it, whatever it touches first (a user's MFA list that was
 * never created, roles never assigned, ...). Every GET route comes from the emulator's own route table,
 * so a new GET route is covered here without editing this file.
 */
import { LogtoEmulator, type EmulatorRoute, type EmulatorUser } from '@logto-account-service/logto-emulator';
import { fetchM2MToken } from './contract/runner.js';

/** A fixed clock: `updatedAt` cannot move, so a write undone by another write gives the first digest back. */
const NOW = Date.UTC(2026, 10, 22, 3, 51, 10);

/**
 * Routes left out, with the reason. Every id the GET routes take can be produced below; a route with a path
 * parameter that has no value in `pathValues` fails the sweep, so nobody skips one silently. The two browser
 * routes below do not answer 200 to this sweep's plain M2M-authenticated GET; sign-in.e2e-spec.ts covers them.
 */
const SKIPPED: Record<string, string> = {
  '/oidc/auth': 'an authorization request needs client_id, redirect_uri and PKCE parameters (400 without them)',
  '/oidc/me': 'takes an opaque end-user access token, not the M2M token this sweep sends (401)',
};

/** Extra query strings per route, so query-dependent branches are read too (the plain URL is always read). */
const QUERY_VARIANTS: Record<string, string[]> = {
  '/api/users': ['search=digest', 'page=1&page_size=1', 'search.username=digest-rich&mode.username=exact'],
  '/api/users/:userId': ['includeSsoIdentities=true'],
  '/api/users/:userId/grants': ['appType=firstParty', 'appType=thirdParty'],
  '/api/users/:userId/identities/:target': ['includeTokenSecret=true'],
  '/api/users/:userId/roles': ['page=1&page_size=1'],
  '/api/logs': ['userId={userId}', 'page=1&page_size=1'],
  '/api/connectors': ['target=mock-social'],
};

interface SeededUser {
  user: EmulatorUser;
  /** `:param` -> value for this user's routes. */
  pathValues: Record<string, string>;
}

describe('LogtoEmulator.stateDigest()', () => {
  let emu: LogtoEmulator;
  let token: string;
  let rich: SeededUser;
  let bare: SeededUser;

  async function call(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${emu.endpoint}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** A user with every kind of account data the emulator keeps. */
  async function seedRichUser(): Promise<SeededUser> {
    const user = emu.seedUser({
      username: 'digest-rich',
      primaryEmail: 'rich@example.test',
      primaryPhone: '+15555550100',
      name: 'Rich User',
      avatar: 'https://example.test/avatar.png',
      password: 'correct horse battery',
      customData: { theme: 'dark', nested: { a: 1, list: [1, 2] } },
      profile: { givenName: 'Rich', familyName: 'User', address: { country: 'NZ', locality: 'Wellington' } },
      logtoConfig: { mfa: { skipped: true, skipMfaOnSignIn: false }, passkeySignIn: { skipped: false } },
    });
    emu.linkSocialIdentity(user.id, 'mock-social', { userId: 'social-rich', details: { email: 'rich@social.test' } });
    emu.addSsoIdentity(user.id, { ssoConnectorId: 'sso-connector', identityId: 'sso-rich', detail: { sub: 'sso-rich' } });

    emu.addMfaVerification(user.id, { type: 'Totp' });
    const codes = Array.from({ length: 10 }, (_, i) => `c0de00000${i}`);
    emu.addMfaVerification(user.id, { type: 'BackupCode', codes, usedCodes: codes.slice(0, 2) });
    emu.addMfaVerification(user.id, { type: 'WebAuthn', name: 'Laptop', agent: 'Safari' });

    const session = emu.addSession(user.id, { clientId: 'first-party-spa', applicationName: 'First party' });
    emu.addSession(user.id, { clientId: 'partner-app', applicationName: 'Partner', isThirdParty: true });
    emu.addGrant(user.id, { clientId: 'grant-only-app', applicationName: 'Grant only', isThirdParty: true });

    const organization = emu.addOrganization({ name: 'Acme', customData: { tier: 'gold' } });
    emu.addUserToOrganization(user.id, organization.id, ['admin', 'member']);

    // No seed helper for Management API roles: the contract cases also write them directly.
    emu.state.roles.set('role-editor', {
      tenantId: emu.state.tenantId,
      id: 'role-editor',
      name: 'editor',
      description: 'Edits things',
      type: 'User',
      isDefault: false,
    });
    emu.state.userRoles.set(user.id, new Set(['role-editor']));

    const log = emu.state.addLog({ key: 'Interaction.SignIn.Submit', payload: { key: 'Interaction.SignIn.Submit', result: 'Success', userId: user.id } });
    // A pending verification code for the user's e-mail (a write, done before any digest is taken).
    expect((await call('POST', '/api/verification-codes', { email: 'rich@example.test' })).status).toBe(204);

    return { user, pathValues: { userId: user.id, sessionId: session.sessionId, target: 'mock-social', logId: log.id } };
  }

  /** A user with nothing but a username: every per-user collection is read for the first time. */
  function seedBareUser(): SeededUser {
    const user = emu.seedUser({ username: 'digest-bare' });
    // The bare user has no session or identity: those routes answer 404, still without changing anything.
    return { user, pathValues: { userId: user.id, sessionId: 'no-such-session', target: 'mock-social', logId: 'no-such-log' } };
  }

  function getRoutes(): EmulatorRoute[] {
    return emu.routeTable.filter((route) => (route.method === 'GET' || route.method === 'HEAD') && !(route.url in SKIPPED));
  }

  /**
   * Reads every GET (and HEAD) route for one user, checking each answer's status, and names the requests after
   * which the digest differed from the one before (so only the route that changed it is named).
   */
  async function readEveryGetRoute(seeded: SeededUser, checkStatus: (request: string, status: number) => void): Promise<string[]> {
    const changedBy: string[] = [];
    let last = emu.stateDigest();
    for (const route of getRoutes()) {
      for (const url of urlsOf(route, seeded)) {
        const response = await call(route.method, url);
        checkStatus(`${route.method} ${url}`, response.status);
        await response.arrayBuffer();
        const after = emu.stateDigest();
        if (after !== last) changedBy.push(`${route.method} ${url}`);
        last = after;
      }
    }
    return changedBy;
  }

  function urlsOf(route: EmulatorRoute, seeded: SeededUser): string[] {
    const path = route.url.replace(/:(\w+)/g, (_match, name: string) => {
      const value = seeded.pathValues[name];
      if (value === undefined) {
        throw new Error(`${route.method} ${route.url}: no value for :${name}; add one to pathValues or list the route in SKIPPED with the reason`);
      }
      return encodeURIComponent(value);
    });
    const queries = (QUERY_VARIANTS[route.url] ?? []).map((query) => query.replace('{userId}', seeded.user.id));
    return [path, ...queries.map((query) => `${path}?${query}`)];
  }

  beforeAll(async () => {
    emu = await LogtoEmulator.start({ now: () => NOW });
    token = await fetchM2MToken(emu);
    rich = await seedRichUser();
    bare = seedBareUser();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('enumerates the GET routes from the route table, including the per-user ones', () => {
    const urls = getRoutes().filter((route) => route.method === 'GET').map((route) => route.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/oidc/jwks',
        '/api/users/:userId',
        '/api/users/:userId/custom-data',
        '/api/users/:userId/mfa-verifications',
        '/api/users/:userId/sessions/:sessionId',
        '/api/users/:userId/grants',
        '/api/users/:userId/organizations',
        '/api/users/:userId/all-identities',
        '/api/logs/:logId',
      ]),
    );
    // Fastify answers HEAD with the GET handler: those are reads too.
    expect(getRoutes().filter((route) => route.method === 'HEAD')).toHaveLength(urls.length);
  });

  it('reads every GET route for a user with every kind of data, each answering 200, without changing the digest', async () => {
    const before = emu.stateDigest();
    const changedBy = await readEveryGetRoute(rich, (request, status) => expect({ request, status }).toEqual({ request, status: 200 }));
    expect(changedBy).toEqual([]);
    expect(emu.stateDigest()).toBe(before);
  });

  it('reads every GET route for a user whose per-user state was never created, without changing the digest', async () => {
    const changedBy = await readEveryGetRoute(bare, (_request, status) => expect(status === 200 || status === 404).toBe(true));
    expect(changedBy).toEqual([]);
    expect(await (await call('GET', `/api/users/${bare.user.id}/mfa-verifications`)).json()).toEqual([]);
  });

  it('is not changed by read-only POSTs nor by refused writes that look the user up first', async () => {
    const before = emu.stateDigest();
    const requests: Array<[string, string, unknown, number]> = [
      ['POST', `/api/users/${rich.user.id}/password/verify`, { password: 'correct horse battery' }, 204],
      ['POST', `/api/users/${rich.user.id}/password/verify`, { password: 'wrong' }, 422],
      ['POST', '/api/sign-in-exp/default/check-password', { password: 'Tq8#mLp2vR!w', userId: rich.user.id }, 200],
      ['POST', `/api/connectors/${emu.connectorIds.socialConnectorId}/authorization-uri`, { state: 's', redirectUri: 'https://app.test/cb' }, 200],
      // The bare user has no MFA list: refusing must not leave an empty one behind.
      ['POST', `/api/users/${bare.user.id}/mfa-verifications`, { type: 'BackupCode' }, 422],
      ['DELETE', `/api/users/${bare.user.id}/mfa-verifications/unknown`, undefined, 404],
      ['DELETE', `/api/users/${rich.user.id}/mfa-verifications/unknown`, undefined, 404],
      ['POST', `/api/users/${rich.user.id}/mfa-verifications`, { type: 'Totp' }, 422],
      // Assigning no roles is a write that adds nothing: Logto's answers stay the same.
      ['POST', `/api/users/${bare.user.id}/roles`, { roleIds: [] }, 201],
    ];
    for (const [method, path, body, status] of requests) {
      const response = await call(method, path, body);
      expect({ request: `${method} ${path}`, status: response.status }).toEqual({ request: `${method} ${path}`, status });
      expect({ request: `${method} ${path}`, changed: emu.stateDigest() !== before }).toEqual({ request: `${method} ${path}`, changed: false });
    }
  });

  it('changes on a real write: PATCH custom data', async () => {
    const before = emu.stateDigest();
    const response = await call('PATCH', `/api/users/${rich.user.id}/custom-data`, { customData: { theme: 'light' } });
    expect(response.status).toBe(200);
    expect(emu.stateDigest()).not.toBe(before);
  });

  it('changes when a factor is bound and comes back when it is removed (an empty MFA list is no MFA list)', async () => {
    const before = emu.stateDigest();
    const created = await call('POST', `/api/users/${bare.user.id}/mfa-verifications`, { type: 'Totp' });
    expect(created.status).toBe(200);
    expect(emu.stateDigest()).not.toBe(before);
    const [factor] = (await (await call('GET', `/api/users/${bare.user.id}/mfa-verifications`)).json()) as Array<{ id: string }>;
    expect((await call('DELETE', `/api/users/${bare.user.id}/mfa-verifications/${factor!.id}`)).status).toBe(204);
    expect(emu.stateDigest()).toBe(before);
  });
});
