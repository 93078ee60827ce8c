/**
 * Bearer check of Logto's Management API (`/api/*`), as recorded in 02-auth-*.
 *
 * Logto verifies the JWT locally with jose (signature against its own JWKS, `iss`, `aud` = the
 * management resource, `exp`) and then requires the `all` scope. jose's error `code`/`name` (and,
 * for claim failures, `claim`, `reason`, `payload`) end up in `data` of `401 auth.unauthorized`.
 * No `WWW-Authenticate` header is sent on any /api 401/403.
 */
import type { FastifyRequest } from 'fastify';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { EmulatorContext } from './context.js';
import { logtoError, type LogtoError } from './errors.js';

const UNAUTHORIZED_MESSAGE = 'Unauthorized. Please check credentials and its scope.';

function unauthorized(data: Record<string, unknown>): LogtoError {
  return logtoError(401, 'auth.unauthorized', UNAUTHORIZED_MESSAGE, data);
}

/** `data` of auth.unauthorized: what jose reports about the failure (02-auth-expired-token etc.). */
function joseErrorData(error: unknown): Record<string, unknown> {
  if (error instanceof joseErrors.JOSEError) {
    const data: Record<string, unknown> = { code: error.code, name: error.name };
    if (error instanceof joseErrors.JWTClaimValidationFailed || error instanceof joseErrors.JWTExpired) {
      data.claim = error.claim;
      data.reason = error.reason;
      data.payload = error.payload;
    }
    return data;
  }
  // jose throws a plain TypeError for input it cannot even split into parts; Logto maps every
  // non-jose failure to the same generic 401.
  return { code: 'ERR_JWS_INVALID', name: 'JWSInvalid' };
}

/** Throws the recorded Logto error, or returns the verified payload. */
export async function authenticateManagementRequest(ctx: EmulatorContext, request: FastifyRequest): Promise<JWTPayload> {
  const header = request.headers.authorization;
  if (header === undefined) {
    throw logtoError(401, 'auth.authorization_header_missing', 'Authorization header is missing.');
  }
  // 02-auth-basic-scheme: any scheme other than Bearer.
  if (!header.startsWith('Bearer')) {
    throw logtoError(401, 'auth.authorization_token_type_not_supported', 'Authorization type is not supported.', {
      supportedTypes: ['Bearer'],
    });
  }
  const token = header.slice('Bearer'.length).trim();

  let payload: JWTPayload;
  try {
    const keySet = createLocalJWKSet(ctx.oidc.jwks() as JSONWebKeySet);
    ({ payload } = await jwtVerify(token, keySet, {
      issuer: ctx.issuer,
      audience: ctx.managementResource,
      currentDate: new Date(ctx.now()),
    }));
  } catch (error: unknown) {
    throw unauthorized(joseErrorData(error));
  }

  // Emulator-only: `revokeM2MTokens()` makes tokens issued so far invalid. Real Logto cannot
  // revoke a JWT; the closest real event is a signing-key rotation, so report what jose says then.
  if (typeof payload.jti === 'string' && ctx.oidc.revokedJtis.has(payload.jti)) {
    throw unauthorized({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED', name: 'JWSSignatureVerificationFailed' });
  }

  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  if (!scopes.includes('all')) {
    // 02-auth-token-without-all-scope
    throw logtoError(403, 'auth.forbidden', 'Forbidden. Please check your user roles and permissions.');
  }
  return payload;
}
