/**
 * The claim rules a verified Logto access token must also meet, beyond what jose checks (signature, `typ`,
 * `iss`, `aud`, `exp`/`nbf`): pure functions of the payload, the clock and the configuration, so each rule has
 * a fast spec of its own. Each returns the reason for refusal, or undefined when the token passes.
 */
import type { JWTPayload } from 'jose';

/**
 * Logto generates user ids from [0-9a-z] (12 characters in older tenants, 21 now). Upper case, `_`, `-` and up
 * to 64 characters are accepted too, for ids that came from an import; what stays out is every character that
 * can change the meaning of a URL path once the id is put in one (`.`, `/`, `%`, `?`, `#`, spaces): the
 * subject `..` once turned GET /api/users/{id}/organizations into the tenant-wide GET /api/organizations.
 */
export const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Why the `sub` claim cannot name a user, if it cannot. */
export function subjectProblem(sub: unknown): string | undefined {
  if (typeof sub !== 'string' || sub.length === 0) return 'The access token has no subject.';
  if (!USER_ID.test(sub)) return 'The access token\'s subject is not a Logto user id.';
  return undefined;
}

/**
 * jose checks `iat` only against a maximum age since issue, which is not the question here: a token issued in
 * the future was minted by a clock (or a key holder) we should not trust, and one that lives longer than
 * JWT_MAX_AGE_SECONDS outlives every revocation we could hope for. Without `iat`, what is left of its life
 * counts. `exp` is required and checked by jose before this runs.
 */
export function lifetimeProblem(
  payload: Pick<JWTPayload, 'iat' | 'exp'>,
  nowSeconds: number,
  limits: { clockToleranceSeconds: number; maxTokenAgeSeconds: number },
): string | undefined {
  // jose has already refused an `iat` that is present but not a number.
  if (payload.iat !== undefined && payload.iat > nowSeconds + limits.clockToleranceSeconds) return 'The access token was issued in the future.';
  const lifetime = (payload.exp as number) - (payload.iat ?? nowSeconds);
  if (lifetime > limits.maxTokenAgeSeconds) return 'The access token lives longer than this service accepts.';
  return undefined;
}

/** The `client_id` claim when it is a string. */
export function clientIdOf(payload: JWTPayload): string | undefined {
  return typeof payload.client_id === 'string' ? payload.client_id : undefined;
}

/** Whether a token of this client may call: any client when no allow-list is set (undefined). */
export function clientAllowed(clientId: string | undefined, allowed: ReadonlySet<string> | undefined): boolean {
  return allowed === undefined || (clientId !== undefined && allowed.has(clientId));
}

/** The `scope` claim as a set of scopes (space-separated, RFC 9068 §2.2.3); none when absent or not a string. */
export function scopesOf(payload: JWTPayload): Set<string> {
  return new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []);
}

/** Whether a verified token taken from the cache is still within its `exp` (with the clock tolerance). */
export function stillValid(expiresAt: number, nowSeconds: number, clockToleranceSeconds: number): boolean {
  return expiresAt + clockToleranceSeconds > nowSeconds;
}
