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

/**
 * Emulator-only: a token already verified under the same keys, issuer and resource is not verified again
 * while its `exp`/`nbf` still hold (jose's own comparison, no tolerance), so the emulator answers like an
 * instant upstream for `npm run bench` (an ES384 verification costs ~1 ms of CPU). Anything that would change
 * the outcome (expiry, a rotated or removed key, a restart on another port) misses the cache and goes through
 * jose again, so the answers stay exactly the recorded ones; revocation is checked on every call below.
 */
const MAX_CACHED_TOKENS = 1000;
const verifiedManagementTokens = new Map<string, { payload: JWTPayload; verifiedUnder: string }>();

function stillValid(payload: JWTPayload, nowMs: number): boolean {
  const now = Math.floor(nowMs / 1000);
  return typeof payload.exp === 'number' && payload.exp > now && (typeof payload.nbf !== 'number' || payload.nbf <= now);
}

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
  const jwks = ctx.oidc.jwks() as JSONWebKeySet;
  const verifiedUnder = `${ctx.issuer} ${ctx.managementResource} ${JSON.stringify(jwks)}`;
  const cached = verifiedManagementTokens.get(token);
  if (cached && cached.verifiedUnder === verifiedUnder && stillValid(cached.payload, ctx.now())) {
    payload = cached.payload;
  } else {
    try {
      ({ payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
        issuer: ctx.issuer,
        audience: ctx.managementResource,
        currentDate: new Date(ctx.now()),
      }));
    } catch (error: unknown) {
      throw unauthorized(joseErrorData(error));
    }
    if (verifiedManagementTokens.size >= MAX_CACHED_TOKENS) verifiedManagementTokens.clear();
    verifiedManagementTokens.set(token, { payload, verifiedUnder });
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
