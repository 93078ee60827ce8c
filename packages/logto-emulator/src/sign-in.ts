/**
 * The browser side of Logto's OIDC provider, enough for a single-page app using `@logto/browser`:
 *
 * - `GET /oidc/auth`: the authorization request (code flow, PKCE S256 required as Logto requires it of public
 *   clients). Instead of Logto's sign-in experience app the emulator answers with a minimal HTML form for seeded
 *   users (username, e-mail or phone + password; consent is implied) that posts to `POST /oidc/interaction/:uid`.
 *   A successful sign-in opens a session (cookie, and a `state.sessions` entry the Management API lists) and
 *   redirects to the registered redirect URI with `code`, `state` and `iss`. A later authorization request with that
 *   session cookie and no `prompt=login` skips the form, as Logto does.
 * - `GET|POST /oidc/session/end`: ends the session and redirects to a registered `post_logout_redirect_uri`.
 * - `POST /oidc/token/revocation` (RFC 7009) and `GET|POST /oidc/me` (userinfo, opaque access tokens only).
 *
 * Errors before the client and redirect URI are known render an HTML error page (oidc-provider cannot redirect
 * then); later ones are redirected with `error` and `error_description`, with oidc-provider's descriptions.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext, EmulatorPluginOptions } from './context.js';
import { OIDC_SCOPES, idTokenProfile, oidcError } from './oidc.js';
import { addGrant, addSession, ensureApplication } from './seed-accounts.js';
import { verifyPassword, type EmulatorUser, type JsonObject } from './state.js';

/** A single-page app registered in the tenant (Logto console → Applications → Single page app). */
export interface SpaAppRegistration {
  /** The app id (`client_id`). */
  id: string;
  name?: string;
  /** Redirect URIs, compared exactly as Logto does. */
  redirectUris: string[];
  /** Post sign-out redirect URIs. */
  postLogoutRedirectUris?: string[];
}

export const SESSION_COOKIE = '_logto_emulator_session';
/** Logto's interaction (sign-in page) lifetime: one hour. */
const INTERACTION_TTL_MS = 60 * 60 * 1000;
const MAX_INTERACTIONS = 1000;
/** Logto's message of `session.invalid_credentials` (10-logs-by-application). */
const INVALID_CREDENTIALS = 'Incorrect account or password. Please check your input.';

interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state?: string;
  codeChallenge: string;
  oidcScopes: string[];
  resourceScopes: string[];
  resources: string[];
}

interface Interaction {
  request: AuthorizationRequest;
  expiresAt: number;
}

type Query = Record<string, string | string[] | undefined>;

function first(query: Query, key: string): string | undefined {
  const value = query[key];
  return Array.isArray(value) ? value[0] : value;
}

function all(query: Query, key: string): string[] {
  const value = query[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin-top:1rem}input{display:block;width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem}[role=alert]{color:#a00000;margin-top:1rem}</style></head>
<body><main>${body}</main></body>
</html>
`;
}

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    // The emulator's pages have no script: the form works without one. No form-action: browsers apply it to the
    // redirect that follows the form's POST too, and that goes to the app's origin.
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
    .send(html);
}

function errorPage(reply: FastifyReply, error: string, description: string): FastifyReply {
  return sendHtml(
    reply,
    400,
    page('An error occurred', `<h1>oops! something went wrong</h1><p><strong>${escapeHtml(error)}</strong></p><p>${escapeHtml(description)}</p>`),
  );
}

function signInForm(uid: string, clientName: string, problem?: string, identifier = ''): string {
  return page(
    'Sign in',
    `<h1>Sign in to ${escapeHtml(clientName)}</h1>
<p>Logto emulator: sign in as a seeded user.</p>
<form method="post" action="/oidc/interaction/${encodeURIComponent(uid)}">
<label for="identifier">Username or email</label>
<input id="identifier" name="identifier" autocomplete="username" required value="${escapeHtml(identifier)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
${problem === undefined ? '' : `<p role="alert">${escapeHtml(problem)}</p>`}
<button type="submit">Sign in</button>
</form>`,
  );
}

function withParams(uri: string, params: Array<[string, string | undefined]>): string {
  const url = new URL(uri);
  for (const [key, value] of params) if (value !== undefined) url.searchParams.append(key, value);
  return url.toString();
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function findUser(ctx: EmulatorContext, identifier: string): EmulatorUser | undefined {
  const { state } = ctx;
  return (
    state.findUserBy('username', identifier) ??
    (identifier.includes('@') ? state.findUserBy('primaryEmail', identifier) : state.findUserBy('primaryPhone', identifier))
  );
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer (\S+)$/i.exec(header);
  return match?.[1];
}

export async function signInRoutes(app: FastifyInstance, options: EmulatorPluginOptions): Promise<void> {
  const { ctx } = options;
  const interactions = new Map<string, Interaction>();

  /** The session of the cookie, when it is still live and belongs to an existing, unsuspended user. */
  function liveSession(request: FastifyRequest): { sessionId: string; userId: string; loginTs: number } | undefined {
    const sessionId = readCookie(request, SESSION_COOKIE);
    if (sessionId === undefined) return undefined;
    const session = ctx.state.sessions.get(sessionId);
    if (!session || session.expiresAt <= ctx.now()) return undefined;
    const user = ctx.state.users.get(session.accountId);
    if (!user || user.isSuspended) return undefined;
    return { sessionId, userId: user.id, loginTs: session.payload.loginTs };
  }

  /** Authorizes the client in the session and sends the browser back with a code. */
  function complete(reply: FastifyReply, auth: AuthorizationRequest, userId: string, sessionId: string, authTime: number): FastifyReply {
    const resources = Object.fromEntries(auth.resources.map((resource) => [resource, auth.resourceScopes.join(' ')]));
    const grant = addGrant(ctx, userId, { clientId: auth.clientId, scope: auth.oidcScopes.join(' '), resources, sessionId });
    const code = ctx.oidc.issueAuthorizationCode({
      userId,
      clientId: auth.clientId,
      redirectUri: auth.redirectUri,
      resources: auth.resources,
      scopes: auth.resourceScopes,
      codeChallenge: auth.codeChallenge,
      oidcScopes: auth.oidcScopes,
      grantId: grant.payload.jti,
      authTime,
      defaultResource: false,
    });
    return reply.redirect(withParams(auth.redirectUri, [['code', code], ['state', auth.state], ['iss', ctx.issuer]]), 303);
  }

  app.get('/oidc/auth', async (request, reply) => {
    const query = request.query as Query;
    const clientId = first(query, 'client_id');
    if (clientId === undefined) return errorPage(reply, 'invalid_request', "missing required parameter 'client_id'");
    const client = ctx.spaApps.get(clientId);
    if (!client) return errorPage(reply, 'invalid_client', 'client is invalid');
    const redirectUri = first(query, 'redirect_uri');
    if (redirectUri === undefined) return errorPage(reply, 'invalid_request', "missing required parameter 'redirect_uri'");
    if (!client.redirectUris.includes(redirectUri)) {
      return errorPage(reply, 'invalid_redirect_uri', "redirect_uri did not match any of the client's registered redirect_uris");
    }
    const state = first(query, 'state');
    const fail = (error: string, description: string): FastifyReply =>
      reply.redirect(withParams(redirectUri, [['error', error], ['error_description', description], ['state', state], ['iss', ctx.issuer]]), 303);

    const responseType = first(query, 'response_type');
    if (responseType === undefined) return fail('invalid_request', "missing required parameter 'response_type'");
    if (responseType !== 'code') return fail('unsupported_response_type', 'unsupported response_type requested');
    const codeChallenge = first(query, 'code_challenge');
    if (codeChallenge === undefined) return fail('invalid_request', 'Authorization Server policy requires PKCE to be used for this request');
    if (first(query, 'code_challenge_method') !== 'S256') return fail('invalid_request', 'not supported value of code_challenge_method');
    const scopes = (first(query, 'scope') ?? '').split(' ').filter((scope) => scope !== '');
    if (!scopes.includes('openid')) return fail('invalid_scope', 'openid scope must be requested for this request');
    const resources = [...new Set(all(query, 'resource'))];
    if (resources.some((resource) => !ctx.apiResources.includes(resource))) {
      return fail('invalid_target', 'resource indicator is missing, or unknown');
    }
    const auth: AuthorizationRequest = {
      clientId,
      redirectUri,
      state,
      codeChallenge,
      oidcScopes: [...new Set(scopes.filter((scope) => OIDC_SCOPES.has(scope)))],
      // Consent is implied and the seeded user holds every role: each resource gets the API scopes asked for.
      resourceScopes: [...new Set(scopes.filter((scope) => !OIDC_SCOPES.has(scope)))],
      resources,
    };

    const prompts = (first(query, 'prompt') ?? '').split(' ');
    const maxAge = first(query, 'max_age');
    const session = liveSession(request);
    // `max_age` (seconds since the sign-in) asks for a fresh sign-in as `prompt=login` does once it has passed.
    const tooOld = session !== undefined && maxAge !== undefined && /^\d+$/.test(maxAge) && ctx.now() / 1000 - session.loginTs > Number(maxAge);
    if (session && !prompts.includes('login') && !tooOld) return complete(reply, auth, session.userId, session.sessionId, session.loginTs);

    const uid = randomBytes(16).toString('base64url');
    interactions.set(uid, { request: auth, expiresAt: ctx.now() + INTERACTION_TTL_MS });
    while (interactions.size > MAX_INTERACTIONS) {
      const oldest = interactions.keys().next();
      if (oldest.done) break;
      interactions.delete(oldest.value);
    }
    return sendHtml(reply, 200, signInForm(uid, client.name ?? client.id));
  });

  app.post('/oidc/interaction/:uid', async (request, reply) => {
    const { uid } = request.params as { uid: string };
    const interaction = interactions.get(uid);
    if (!interaction || interaction.expiresAt <= ctx.now()) {
      interactions.delete(uid);
      return errorPage(reply, 'session_not_found', 'interaction session not found, cookies may be missing or the sign-in took too long');
    }
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const identifier = typeof body.identifier === 'string' ? body.identifier.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const client = ctx.spaApps.get(interaction.request.clientId);
    const clientName = client?.name ?? interaction.request.clientId;
    const user = identifier === '' ? undefined : findUser(ctx, identifier);
    const identifierType = user !== undefined && user.username === identifier ? 'username' : identifier.includes('@') ? 'email' : 'phone';
    const log = (key: string, extra: JsonObject, verified: boolean, userId?: string): void => {
      const interactionRecord: JsonObject = {
        mfa: {},
        ...(userId === undefined ? {} : { userId }),
        captcha: { skipped: false, verified: false },
        profile: {},
        signInContext: { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
        interactionEvent: 'SignIn',
        verificationRecords: verified ? [{ id: randomBytes(12).toString('base64url'), type: 'Password', verified: true, identifier: { type: identifierType, value: identifier } }] : [],
      };
      const userAgent = request.headers['user-agent'] ?? '';
      ctx.state.addLog({
        key,
        payload: {
          key,
          result: 'Success',
          ip: request.ip,
          userAgent,
          userAgentParsed: { ua: userAgent, browser: {}, device: {}, engine: {}, os: {}, cpu: {} },
          ...(userId === undefined ? {} : { userId }),
          applicationId: interaction.request.clientId,
          ...extra,
          interaction: interactionRecord,
        },
      });
    };
    if (!user || !verifyPassword(password, user.passwordHash)) {
      // 10-logs-by-application: the failed attempt is logged without a user id, the password masked.
      log(
        'Interaction.SignIn.Verification.Password.Submit',
        {
          result: 'Error',
          error: { code: 'session.invalid_credentials', message: INVALID_CREDENTIALS },
          payload: { password: '******', identifier: { type: identifierType, value: identifier } },
        },
        false,
      );
      // Which of the two was wrong is not told.
      return sendHtml(reply, 400, signInForm(uid, clientName, INVALID_CREDENTIALS, identifier));
    }
    if (user.isSuspended) return sendHtml(reply, 400, signInForm(uid, clientName, 'This account is suspended.', identifier));
    interactions.delete(uid);
    log('Interaction.SignIn.Submit', {}, true, user.id);

    const auth = interaction.request;
    const session = addSession(ctx, user.id, {
      clientId: auth.clientId,
      applicationName: clientName,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      identifier: { type: identifierType, value: identifier },
      grant: false,
    });
    const loginTs = ctx.state.sessions.get(session.sessionId)?.payload.loginTs ?? Math.floor(ctx.now() / 1000);
    void reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(session.sessionId)}; Path=/; HttpOnly; SameSite=Lax`);
    return complete(reply, auth, user.id, session.sessionId, loginTs);
  });

  const endSession = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const params = { ...(request.query as Query), ...((typeof request.body === 'object' && request.body !== null ? request.body : {}) as Query) };
    const postLogoutRedirectUri = first(params, 'post_logout_redirect_uri');
    if (postLogoutRedirectUri !== undefined) {
      const clientId = first(params, 'client_id');
      const client = clientId === undefined ? undefined : ctx.spaApps.get(clientId);
      if (!client) return errorPage(reply, 'invalid_request', 'post_logout_redirect_uri can only be used in combination with id_token_hint or client_id');
      if (!(client.postLogoutRedirectUris ?? []).includes(postLogoutRedirectUri)) {
        return errorPage(reply, 'invalid_request', 'post_logout_redirect_uri not registered');
      }
    }
    const sessionId = readCookie(request, SESSION_COOKIE);
    if (sessionId !== undefined) ctx.state.sessions.delete(sessionId);
    void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
    if (postLogoutRedirectUri !== undefined) {
      return reply.redirect(withParams(postLogoutRedirectUri, [['state', first(params, 'state')]]), 303);
    }
    return sendHtml(reply, 200, page('Signed out', '<h1>You are signed out.</h1>'));
  };
  app.get('/oidc/session/end', endSession);
  app.post('/oidc/session/end', endSession);

  app.post('/oidc/token/revocation', async (request, reply) => {
    const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Query;
    const clientId = first(form, 'client_id');
    if (clientId === undefined) throw oidcError(400, 'invalid_request', 'no client authentication mechanism provided');
    const token = first(form, 'token');
    if (token === undefined) throw oidcError(400, 'invalid_request', "missing required parameter 'token'");
    // RFC 7009 §2.2: an unknown or foreign token is still answered 200.
    ctx.oidc.revokeRefreshToken(token, clientId);
    return reply.code(200).header('cache-control', 'no-store').send('');
  });

  const userinfo = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const token = bearerToken(request);
    const record = token === undefined ? undefined : ctx.oidc.opaqueAccessToken(token);
    const user = record === undefined ? undefined : ctx.state.users.get(record.userId);
    if (!record || !user) {
      throw oidcError(401, 'invalid_token', 'invalid token provided', {
        'www-authenticate': `Bearer realm="${ctx.issuer}", error="invalid_token", error_description="invalid token provided"`,
      });
    }
    return reply.header('cache-control', 'no-store').send({ sub: user.id, ...idTokenProfile(user, record.scopes) });
  };
  app.get('/oidc/me', userinfo);
  app.post('/oidc/me', userinfo);
}

/** Registers (or replaces) a SPA in the tenant. */
export function registerSpaApp(ctx: EmulatorContext, registration: SpaAppRegistration): void {
  ctx.spaApps.set(registration.id, {
    ...registration,
    redirectUris: [...registration.redirectUris],
    postLogoutRedirectUris: [...(registration.postLogoutRedirectUris ?? [])],
  });
  const application = ensureApplication(ctx, registration.id, { name: registration.name, type: 'SPA' });
  if (registration.name !== undefined) application.name = registration.name;
}
