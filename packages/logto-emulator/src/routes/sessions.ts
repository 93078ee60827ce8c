/**
 * OIDC sessions and grants of a user (08-*):
 *
 * - `GET /api/users/:userId/sessions` → `{sessions: [...]}`, non-expired sessions of the user, oldest first
 * - `GET /api/users/:userId/sessions/:sessionId` → the session (`sessionId` = `payload.uid`); 404
 *   `oidc.session_not_found` when unknown, expired or another user's
 * - `DELETE /api/users/:userId/sessions/:sessionId[?revokeGrantsTarget=all|firstParty]` → 204.
 *   The query is validated first (400 `guard.invalid_input`, "The request query is invalid.");
 *   unknown → 404 `oidc.session_not_found`; another user's session → 404
 *   `oidc.invalid_session_account_id`. Grants authorized in the session: `all` revokes every one,
 *   `firstParty` those of first-party apps; without the parameter a grant stays alive when it has
 *   `offline_access` (all recorded ones do: 08-grants-list-after-delete) and is revoked otherwise
 *   (openapi.json).
 * - `GET /api/users/:userId/grants[?appType=firstParty|thirdParty]` → `{grants: [...]}`, non-expired
 *   grants of the user with `application: {id, name}`, oldest first
 * - `DELETE /api/users/:userId/grants/:grantId` → 204, also removes the grant from the
 *   `authorizations` of the user's sessions (08-sessions-list-after-deletes); unknown or another
 *   user's → 404 `oidc.invalid_grant`. An expired grant that is still stored is revoked with 204.
 * Unknown user → 404 `entity.not_found` (not recorded; Logto's user routes all look the user up).
 */
import type { LogtoGrant, LogtoSession } from '@logto-account-service/logto-api-types';

import type { EmulatorRoutePlugin } from './index.js';
import { entityNotFound, guardError, invalidEnumIssue, logtoError } from '../errors.js';
import { revokeGrant } from '../seed-accounts.js';
import type { OidcGrant, OidcSession } from '../state.js';

const REVOKE_TARGETS = ['all', 'firstParty'];
const APP_TYPES = ['firstParty', 'thirdParty'];

const sessionNotFound = () => logtoError(404, 'oidc.session_not_found', 'Session not found.');
const invalidSessionAccount = () => logtoError(404, 'oidc.invalid_session_account_id', 'Session accountId mismatch.');
const invalidGrant = () => logtoError(404, 'oidc.invalid_grant', 'Grant request is invalid.');

/** 08-session-get (key order as recorded). */
export function toSessionResponse(session: OidcSession): LogtoSession {
  const { payload } = session;
  return {
    payload: {
      exp: payload.exp,
      iat: payload.iat,
      jti: payload.jti,
      uid: payload.uid,
      kind: payload.kind,
      loginTs: payload.loginTs,
      accountId: payload.accountId,
      authorizations: structuredClone(payload.authorizations),
    },
    lastSubmission: structuredClone(session.lastSubmission),
    clientId: session.clientId,
    accountId: session.accountId,
    expiresAt: session.expiresAt,
  };
}

/** 08-grants-list (key order as recorded). */
export function toGrantResponse(grant: OidcGrant, application: LogtoGrant['application']): LogtoGrant {
  const { payload } = grant;
  const responsePayload: LogtoGrant['payload'] = {
    exp: payload.exp,
    iat: payload.iat,
    jti: payload.jti,
    kind: payload.kind,
    clientId: payload.clientId,
    accountId: payload.accountId,
  };
  if (payload.openid !== undefined) responsePayload.openid = structuredClone(payload.openid);
  if (payload.resources !== undefined) responsePayload.resources = structuredClone(payload.resources);
  return { id: payload.jti, payload: responsePayload, expiresAt: grant.expiresAt, application };
}

function queryValue(query: unknown, key: string): unknown {
  return typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[key] : undefined;
}

export const sessionsRoutes: EmulatorRoutePlugin = async (app, { ctx }) => {
  const { state } = ctx;

  const assertUser = (userId: string): void => {
    if (!state.users.has(userId)) throw entityNotFound();
  };
  const isLive = (expiresAt: number): boolean => expiresAt > ctx.now();
  const activeSessionsOf = (userId: string): OidcSession[] =>
    [...state.sessions.values()]
      .filter((session) => session.accountId === userId && isLive(session.expiresAt))
      .sort((a, b) => a.payload.iat - b.payload.iat);

  app.get<{ Params: { userId: string } }>('/api/users/:userId/sessions', async (request) => {
    assertUser(request.params.userId);
    return { sessions: activeSessionsOf(request.params.userId).map(toSessionResponse) };
  });

  app.get<{ Params: { userId: string; sessionId: string } }>('/api/users/:userId/sessions/:sessionId', async (request) => {
    assertUser(request.params.userId);
    const session = state.sessions.get(request.params.sessionId);
    if (!session || !isLive(session.expiresAt) || session.accountId !== request.params.userId) throw sessionNotFound();
    return toSessionResponse(session);
  });

  app.delete<{ Params: { userId: string; sessionId: string } }>(
    '/api/users/:userId/sessions/:sessionId',
    async (request, reply) => {
      const target = queryValue(request.query, 'revokeGrantsTarget');
      if (target !== undefined && (typeof target !== 'string' || !REVOKE_TARGETS.includes(target))) {
        throw guardError([invalidEnumIssue(['revokeGrantsTarget'], target, REVOKE_TARGETS)], 'query');
      }
      assertUser(request.params.userId);
      const { sessionId } = request.params;
      const session = state.sessions.get(sessionId);
      if (!session || !isLive(session.expiresAt)) throw sessionNotFound();
      if (session.accountId !== request.params.userId) throw invalidSessionAccount();
      state.sessions.delete(sessionId);
      for (const { grantId } of Object.values(session.payload.authorizations)) {
        const grant = state.grants.get(grantId);
        if (!grant) continue;
        const application = state.applications.get(grant.payload.clientId);
        const revoke =
          target === 'all'
            ? true
            : target === 'firstParty'
              ? application?.isThirdParty !== true
              : !(grant.payload.openid?.scope ?? '').split(' ').includes('offline_access');
        if (revoke) revokeGrant(ctx, grantId);
      }
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { userId: string } }>('/api/users/:userId/grants', async (request) => {
    const appType = queryValue(request.query, 'appType');
    if (appType !== undefined && (typeof appType !== 'string' || !APP_TYPES.includes(appType))) {
      throw guardError([invalidEnumIssue(['appType'], appType, APP_TYPES)], 'query');
    }
    assertUser(request.params.userId);
    const grants = [...state.grants.values()]
      .filter((grant) => grant.payload.accountId === request.params.userId && isLive(grant.expiresAt))
      .sort((a, b) => a.payload.iat - b.payload.iat)
      .flatMap((grant) => {
        const application = state.applications.get(grant.payload.clientId);
        if (!application) return [];
        if (appType === 'firstParty' && application.isThirdParty) return [];
        if (appType === 'thirdParty' && !application.isThirdParty) return [];
        return [toGrantResponse(grant, { id: application.id, name: application.name })];
      });
    return { grants };
  });

  app.delete<{ Params: { userId: string; grantId: string } }>(
    '/api/users/:userId/grants/:grantId',
    async (request, reply) => {
      assertUser(request.params.userId);
      const grant = state.grants.get(request.params.grantId);
      if (!grant || grant.payload.accountId !== request.params.userId) throw invalidGrant();
      revokeGrant(ctx, request.params.grantId);
      return reply.status(204).send();
    },
  );
};
