/**
 * The browser sign-in of a single-page app, over HTTP, as `@logto/browser` runs it: /oidc/auth → the emulator's
 * sign-in form → redirect with a code → authorization_code grant with PKCE → refresh_token grant with `resource` →
 * userinfo, revocation and end session. Errors carry Logto's OIDC error shape.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { LogtoEmulator, SESSION_COOKIE } from '@logto-account-service/logto-emulator';

const CLIENT_ID = 'account-center-spa';
const REDIRECT_URI = 'http://127.0.0.1:4999/account/callback';
const POST_LOGOUT_URI = 'http://127.0.0.1:4999/account/';
const RESOURCE = 'https://account.example.test';
const PASSWORD = 'Sign-in-Passw0rd!';

interface TokenResponse {
  access_token: string;
  expires_in: number;
  id_token?: string;
  refresh_token?: string;
  scope?: string;
  token_type: string;
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe('Logto emulator: SPA sign-in (authorization code + PKCE)', () => {
  let emu: LogtoEmulator;
  let userId: string;
  /** Moves the emulator's clock forward. */
  let clockOffsetMs = 0;

  beforeEach(async () => {
    clockOffsetMs = 0;
    emu = await LogtoEmulator.start({
      now: () => Date.now() + clockOffsetMs,
      spaApps: [{ id: CLIENT_ID, name: 'Account center', redirectUris: [REDIRECT_URI], postLogoutRedirectUris: [POST_LOGOUT_URI] }],
    });
    userId = emu.seedUser({ username: 'ada', primaryEmail: 'ada@example.test', name: 'Ada', password: PASSWORD }).id;
  });
  afterEach(async () => {
    await emu.close();
  });

  function authUrl(params: Record<string, string | string[] | undefined>): string {
    const url = new URL(`${emu.issuer}/auth`);
    for (const [key, value] of Object.entries(params)) {
      for (const entry of [value ?? []].flat()) url.searchParams.append(key, entry);
    }
    return url.toString();
  }

  /** The authorization request @logto/browser builds (scopes: reserved + profile + email + the API's). */
  function signInRequest(challenge: string, extra: Record<string, string | string[] | undefined> = {}): string {
    return authUrl({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state-123',
      response_type: 'code',
      prompt: 'consent',
      scope: 'openid offline_access profile email account:read account:write',
      resource: RESOURCE,
      ...extra,
    });
  }

  async function get(url: string, cookie?: string): Promise<Response> {
    return fetch(url, { redirect: 'manual', headers: cookie === undefined ? {} : { cookie } });
  }

  function formAction(html: string): string {
    const match = /<form method="post" action="([^"]+)"/.exec(html);
    if (!match?.[1]) throw new Error(`no sign-in form in ${html}`);
    return `${emu.endpoint}${match[1]}`;
  }

  async function submit(action: string, identifier: string, password: string): Promise<Response> {
    return fetch(action, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ identifier, password }),
    });
  }

  /** Signs in through the form; returns the code, the redirect and the session cookie. */
  async function signIn(challenge: string, identifier = 'ada'): Promise<{ code: string; location: URL; cookie: string }> {
    const form = await get(signInRequest(challenge));
    expect(form.status).toBe(200);
    const answer = await submit(formAction(await form.text()), identifier, PASSWORD);
    expect(answer.status).toBe(303);
    const location = new URL(answer.headers.get('location') ?? '');
    const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return { code: location.searchParams.get('code') ?? '', location, cookie };
  }

  async function token(form: Record<string, string>): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
    const response = await fetch(`${emu.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

  function exchange(code: string, verifier: string, extra: Record<string, string> = {}): ReturnType<typeof token> {
    return token({ client_id: CLIENT_ID, code, code_verifier: verifier, redirect_uri: REDIRECT_URI, grant_type: 'authorization_code', ...extra });
  }

  function refresh(refreshToken: string, extra: Record<string, string> = {}): ReturnType<typeof token> {
    return token({ client_id: CLIENT_ID, refresh_token: refreshToken, grant_type: 'refresh_token', ...extra });
  }

  async function jwks(): Promise<ReturnType<typeof createLocalJWKSet>> {
    return createLocalJWKSet((await (await fetch(`${emu.issuer}/jwks`)).json()) as Parameters<typeof createLocalJWKSet>[0]);
  }

  it('signs in through the form, then issues ID, opaque access and refresh tokens for the code (as @logto/browser asks)', async () => {
    const { verifier, challenge } = pkcePair();
    const { code, location } = await signIn(challenge);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('iss')).toBe(emu.issuer);

    const { status, headers, body } = await exchange(code, verifier);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    const tokens = body as unknown as TokenResponse;
    expect(Object.keys(tokens)).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
    expect(tokens).toMatchObject({ expires_in: 3600, scope: 'openid offline_access profile email', token_type: 'Bearer' });
    // Without `resource` the access token is an opaque one (for /oidc/me), not a JWT.
    expect(tokens.access_token.split('.')).toHaveLength(1);

    const { payload, protectedHeader } = await jwtVerify(tokens.id_token ?? '', await jwks(), { issuer: emu.issuer, audience: CLIENT_ID });
    expect(protectedHeader).toMatchObject({ alg: 'ES384', typ: 'JWT' });
    expect(payload).toMatchObject({ sub: userId, name: 'Ada', username: 'ada', email: 'ada@example.test', email_verified: true });
    expect(payload).not.toHaveProperty('phone_number');
    expect(typeof payload.auth_time).toBe('number');
    const digest = createHash('sha384').update(tokens.access_token).digest();
    expect(payload.at_hash).toBe(digest.subarray(0, 24).toString('base64url'));

    // Logged as Logto logs them (10-logs-by-application), secrets masked.
    const logs = emu.state.logs.filter((log) => log.payload.userId === userId);
    expect(logs.map((log) => log.key)).toEqual(['Interaction.SignIn.Submit', 'ExchangeTokenBy.AuthorizationCode']);
    expect(logs[1]?.payload).toMatchObject({ applicationId: CLIENT_ID, scope: 'openid offline_access profile email', tokenTypes: ['AccessToken', 'RefreshToken', 'IdToken'] });
    expect(JSON.stringify(logs)).not.toContain(code);
    expect(JSON.stringify(logs)).not.toContain(verifier);

    const me = await fetch(`${emu.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ sub: userId, username: 'ada', email: 'ada@example.test' });
  });

  it('refresh_token with `resource` gives a JWT for the API with the scopes asked at sign-in, and rotates the refresh token', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await signIn(challenge);
    const first = (await exchange(code, verifier)).body as unknown as TokenResponse;

    const refreshed = await refresh(first.refresh_token ?? '', { resource: RESOURCE });
    expect(refreshed.status).toBe(200);
    const body = refreshed.body as unknown as TokenResponse;
    expect(body).toMatchObject({ expires_in: 3600, scope: 'account:read account:write', token_type: 'Bearer' });
    const { payload, protectedHeader } = await jwtVerify(body.access_token, await jwks(), { issuer: emu.issuer, audience: RESOURCE });
    expect(protectedHeader.typ).toBe('at+jwt');
    expect(payload).toMatchObject({ sub: userId, client_id: CLIENT_ID, scope: 'account:read account:write' });
    expect(body.refresh_token).toBeDefined();
    expect(body.refresh_token).not.toBe(first.refresh_token);
    // The ID token of a refresh keeps the sign-in's auth_time.
    expect(decodeJwt(body.id_token ?? '').auth_time).toBe(decodeJwt(first.id_token ?? '').auth_time);

    // A narrower scope is allowed, one the sign-in did not ask for is not.
    const narrow = await refresh(body.refresh_token ?? '', { resource: RESOURCE, scope: 'account:read' });
    expect(narrow.status).toBe(200);
    expect(narrow.body.scope).toBe('account:read');
    const wider = await refresh(narrow.body.refresh_token as string, { resource: RESOURCE, scope: 'account:admin' });
    expect(wider).toMatchObject({ status: 400, body: { code: 'oidc.invalid_scope', error: 'invalid_scope' } });
    const unknownResource = await refresh(narrow.body.refresh_token as string, { resource: 'https://other.example.test' });
    expect(unknownResource).toMatchObject({ status: 400, body: { code: 'oidc.invalid_target', error: 'invalid_target' } });
  });

  it('a reused refresh token fails with invalid_grant and ends the whole family', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await signIn(challenge);
    const first = (await exchange(code, verifier)).body as unknown as TokenResponse;
    const second = (await refresh(first.refresh_token ?? '')).body as unknown as TokenResponse;

    const reused = await refresh(first.refresh_token ?? '');
    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({
      code: 'oidc.invalid_grant',
      message: 'Grant request is invalid.',
      error: 'invalid_grant',
      error_description: 'refresh token already used',
    });
    expect((await refresh(second.refresh_token ?? '')).body.error_description).toBe('refresh token not found');
  });

  describe('PKCE and code failures (Logto error shape, nothing issued)', () => {
    async function freshCode(): Promise<{ code: string; verifier: string }> {
      const { verifier, challenge } = pkcePair();
      return { code: (await signIn(challenge)).code, verifier };
    }

    it.each([
      ['a wrong code_verifier', (verifier: string) => ({ code_verifier: `${verifier}x` }), 'PKCE verification failed'],
      ['no code_verifier', () => ({ code_verifier: '' }), 'PKCE verification failed'],
      ['another redirect_uri', () => ({ redirect_uri: 'http://127.0.0.1:4999/elsewhere' }), 'authorization code redirect_uri mismatch'],
      ['another client', () => ({ client_id: 'someone-else' }), 'client mismatch'],
    ])('%s: 400 invalid_grant', async (_name, change, description) => {
      const { code, verifier } = await freshCode();
      const form: Record<string, string> = { client_id: CLIENT_ID, code, code_verifier: verifier, redirect_uri: REDIRECT_URI, grant_type: 'authorization_code', ...change(verifier) };
      if (form.code_verifier === '') delete form.code_verifier;
      const { status, headers, body } = await token(form);
      expect(status).toBe(400);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toEqual({ code: 'oidc.invalid_grant', message: 'Grant request is invalid.', error: 'invalid_grant', error_description: description });
      // The failed attempt consumed the code: the right request cannot use it any more.
      expect((await exchange(code, verifier)).body.error_description).toBe('authorization code already consumed');
    });

    it('a reused code fails and revokes the refresh token issued with it', async () => {
      const { code, verifier } = await freshCode();
      const first = (await exchange(code, verifier)).body as unknown as TokenResponse;
      const again = await exchange(code, verifier);
      expect(again.status).toBe(400);
      expect(again.body).toMatchObject({ code: 'oidc.invalid_grant', error_description: 'authorization code already consumed' });
      expect((await refresh(first.refresh_token ?? '')).body.error_description).toBe('refresh token not found');
    });

    it('an unknown code and a missing redirect_uri are refused', async () => {
      expect((await exchange('no-such-code', 'v')).body).toMatchObject({ error: 'invalid_grant', error_description: 'authorization code not found' });
      const { code, verifier } = await freshCode();
      const missing = await token({ client_id: CLIENT_ID, code, code_verifier: verifier, grant_type: 'authorization_code' });
      expect(missing).toMatchObject({ status: 400, body: { code: 'oidc.invalid_request', error_description: "missing required parameter 'redirect_uri'" } });
    });
  });

  describe('/oidc/auth', () => {
    it('shows an error page (no redirect) for an unknown client or an unregistered redirect URI', async () => {
      const { challenge } = pkcePair();
      for (const [extra, error] of [
        [{ client_id: 'unknown-app' }, 'invalid_client'],
        [{ redirect_uri: 'http://127.0.0.1:4999/evil' }, 'invalid_redirect_uri'],
        [{ client_id: undefined }, 'invalid_request'],
      ] as const) {
        const response = await get(signInRequest(challenge, extra));
        expect(response.status).toBe(400);
        expect(response.headers.get('location')).toBeNull();
        expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await response.text()).toContain(error);
      }
    });

    it.each([
      [{ code_challenge: undefined }, 'invalid_request', 'Authorization Server policy requires PKCE to be used for this request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request', 'not supported value of code_challenge_method'],
      [{ response_type: 'token' }, 'unsupported_response_type', 'unsupported response_type requested'],
      [{ resource: 'https://unknown.example.test' }, 'invalid_target', 'resource indicator is missing, or unknown'],
      [{ scope: 'profile' }, 'invalid_scope', 'openid scope must be requested for this request'],
    ])('redirects other errors to the app: %j → %s', async (extra, error, description) => {
      const response = await get(signInRequest(pkcePair().challenge, extra));
      expect(response.status).toBe(303);
      const location = new URL(response.headers.get('location') ?? '');
      expect(Object.fromEntries(location.searchParams)).toEqual({ error, error_description: description, state: 'state-123', iss: emu.issuer });
    });

    it('a wrong password shows the form again with a message and issues nothing; e-mail works as identifier', async () => {
      const form = await get(signInRequest(pkcePair().challenge));
      const action = formAction(await form.text());
      const wrong = await submit(action, 'ada', 'wrong-password');
      expect(wrong.status).toBe(400);
      const html = await wrong.text();
      expect(html).toContain('<p role="alert">Incorrect account or password. Please check your input.</p>');
      expect(html).not.toContain('wrong-password');
      const [failure] = emu.state.logs.filter((log) => log.key === 'Interaction.SignIn.Verification.Password.Submit');
      expect(failure?.payload).toMatchObject({ result: 'Error', error: { code: 'session.invalid_credentials' }, payload: { password: '******' } });
      expect(failure?.payload.userId).toBeUndefined();
      expect(JSON.stringify(emu.state.logs)).not.toContain('wrong-password');
      expect(wrong.headers.get('set-cookie')).toBeNull();
      const right = await submit(action, 'ADA@example.test', PASSWORD);
      expect(right.status).toBe(303);
      expect(new URL(right.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
      // The interaction is over: its form cannot be posted again.
      expect((await submit(action, 'ada', PASSWORD)).status).toBe(400);
    });

    it('a suspended user cannot sign in', async () => {
      emu.state.users.get(userId)!.isSuspended = true;
      const form = await get(signInRequest(pkcePair().challenge));
      const answer = await submit(formAction(await form.text()), 'ada', PASSWORD);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('This account is suspended.');
    });

    it('opens a session the Management API lists; with its cookie the next request skips the form unless prompt=login', async () => {
      const { cookie } = await signIn(pkcePair().challenge);
      expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
      const sessions = [...emu.state.sessions.values()].filter((session) => session.accountId === userId);
      expect(sessions).toHaveLength(1);
      expect(sessions[0]?.payload.authorizations[CLIENT_ID]).toBeDefined();

      const again = await get(signInRequest(pkcePair().challenge), cookie);
      expect(again.status).toBe(303);
      expect(new URL(again.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
      const forced = await get(signInRequest(pkcePair().challenge, { prompt: 'login' }), cookie);
      expect(forced.status).toBe(200);
      expect(await forced.text()).toContain('<form method="post"');
      // max_age: once the sign-in is older than that, the form is back.
      clockOffsetMs = 10_000;
      expect((await get(signInRequest(pkcePair().challenge, { max_age: '5' }), cookie)).status).toBe(200);
      expect((await get(signInRequest(pkcePair().challenge, { max_age: '3600' }), cookie)).status).toBe(303);
    });
  });

  it('revoking the session through the Management API ends its refresh tokens', async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await signIn(challenge);
    const tokens = (await exchange(code, verifier)).body as unknown as TokenResponse;
    const [sessionId] = [...emu.state.sessions.entries()].find(([, session]) => session.accountId === userId) ?? [];
    const m2m = (await token({ grant_type: 'client_credentials', client_id: emu.m2mAppId, client_secret: emu.m2mAppSecret, resource: emu.managementResource, scope: 'all' })).body;
    const revoked = await fetch(`${emu.endpoint}/api/users/${userId}/sessions/${sessionId}?revokeGrantsTarget=all`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${String(m2m.access_token)}` },
    });
    expect(revoked.status).toBe(204);
    expect((await refresh(tokens.refresh_token ?? '')).body).toMatchObject({ error: 'invalid_grant', error_description: 'grant not found' });
  });

  it('sign-out: revocation ends the refresh token, session/end ends the session and redirects to a registered URI only', async () => {
    const { verifier, challenge } = pkcePair();
    const { code, cookie } = await signIn(challenge);
    const tokens = (await exchange(code, verifier)).body as unknown as TokenResponse;

    const revocation = await fetch(`${emu.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CLIENT_ID, token: tokens.refresh_token ?? '' }),
    });
    expect(revocation.status).toBe(200);
    expect((await refresh(tokens.refresh_token ?? '')).body.error_description).toBe('refresh token not found');

    const refused = await get(`${emu.issuer}/session/end?client_id=${CLIENT_ID}&post_logout_redirect_uri=${encodeURIComponent('http://127.0.0.1:4999/evil')}`, cookie);
    expect(refused.status).toBe(400);
    expect([...emu.state.sessions.values()].some((session) => session.accountId === userId)).toBe(true);

    const ended = await get(`${emu.issuer}/session/end?client_id=${CLIENT_ID}&post_logout_redirect_uri=${encodeURIComponent(POST_LOGOUT_URI)}`, cookie);
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toBe(POST_LOGOUT_URI);
    expect(ended.headers.get('set-cookie')).toContain('Max-Age=0');
    expect([...emu.state.sessions.values()].some((session) => session.accountId === userId)).toBe(false);
    // The form is back for the next sign-in.
    expect((await get(signInRequest(pkcePair().challenge), cookie)).status).toBe(200);
  });

  it('/oidc/me refuses a resource JWT and no token with 401 invalid_token', async () => {
    const jwt = await emu.mintUserToken({ sub: userId });
    for (const headers of [{ authorization: `Bearer ${jwt}` }, {}]) {
      const response = await fetch(`${emu.issuer}/me`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(await response.json()).toMatchObject({ code: 'oidc.invalid_token', error: 'invalid_token' });
    }
  });

  it('answers browsers from another origin (CORS) on the OIDC endpoints, preflight included', async () => {
    const origin = 'http://127.0.0.1:4999';
    const discovery = await fetch(`${emu.issuer}/.well-known/openid-configuration`, { headers: { origin } });
    expect(discovery.headers.get('access-control-allow-origin')).toBe(origin);
    const failed = await token({ grant_type: 'refresh_token', client_id: CLIENT_ID });
    expect(failed.status).toBe(400);
    const preflight = await fetch(`${emu.issuer}/me`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization');
  });
});
