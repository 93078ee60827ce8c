import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, customFetch, errors as joseErrors, jwtVerify, type FetchImplementation, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import type { AllConfig, AuthConfig, LogtoConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { VerifiedIdentity } from './verified-identity.js';
import { observeLogtoCall } from '../observability/logto-calls.js';
import { jwksFetches } from '../observability/metrics.js';
import { injectTraceHeaders } from '../observability/spans.js';

/** RFC 6750 §3: the challenge for a request that carried a token we could not accept. */
export const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token"';
export const MISSING_TOKEN_CHALLENGE = 'Bearer realm="account"';
/** Longer than any Logto access token; a bigger header is refused before any parsing. */
const MAX_AUTHORIZATION_HEADER = 8 * 1024;

/**
 * Verifies Logto user access tokens (RFC 9068 JWTs) against the tenant's JWKS: signature with an allowed
 * asymmetric algorithm, `typ: at+jwt`, `iss`, `aud`, `exp`/`nbf` with a small tolerance, and a `sub`.
 * Keys come from jose's remote JWK set: cached, refetched once for an unknown `kid`, at most once per
 * JWKS_COOLDOWN_SECONDS, so a flood of forged key ids cannot hammer Logto. Verified tokens are cached by
 * hash until they expire, so a client repeating a token does not pay signature verification each time.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger('TokenVerifier');
  private readonly auth: AuthConfig;
  private readonly logto: LogtoConfig;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly cache?: LRUCache<string, VerifiedIdentity>;
  /** JWKS documents fetched by this instance (tests, metrics). */
  jwksFetches = 0;

  constructor(config: ConfigService<AllConfig, true>, private readonly clock: Clock) {
    this.auth = config.get('auth', { infer: true });
    this.logto = config.get('logto', { infer: true });
    this.jwks = createRemoteJWKSet(new URL(`${this.logto.endpoint}/oidc/jwks`), {
      cooldownDuration: this.auth.jwksCooldownSeconds * 1000,
      timeoutDuration: this.logto.timeoutMs,
      [customFetch]: (url, options) => {
        this.jwksFetches += 1;
        return this.fetchJwks(url, options);
      },
    });
    if (this.auth.verifiedTokenCacheSize > 0) {
      this.cache = new LRUCache({ max: this.auth.verifiedTokenCacheSize, ttlAutopurge: false });
    }
  }

  /** One JWKS fetch, in a client span with traceparent, counted in `logto_jwks_fetches_total` by outcome. */
  private fetchJwks(url: string, options: Parameters<FetchImplementation>[1]): Promise<Response> {
    return observeLogtoCall(
      'jwks',
      'GET',
      async () => {
        const traceHeaders: Record<string, string> = {};
        injectTraceHeaders(traceHeaders);
        for (const [name, value] of Object.entries(traceHeaders)) options.headers.set(name, value);
        try {
          const response = await fetch(url, options);
          jwksFetches.inc({ outcome: response.ok ? 'success' : 'failure' });
          return response;
        } catch (error) {
          jwksFetches.inc({ outcome: 'failure' });
          throw error;
        }
      },
      (response) => (response.ok ? 'success' : response.status >= 500 ? 'server_error' : 'bad_response'),
    );
  }

  /** Extracts the bearer token from an Authorization header value, or throws the right 401. */
  extract(header: string | undefined): string {
    if (header === undefined || header.trim() === '') {
      throw new DomainError('auth.token_missing', 'Send the user access token as "Authorization: Bearer <token>".', {
        headers: { 'www-authenticate': MISSING_TOKEN_CHALLENGE },
      });
    }
    const match = header.length <= MAX_AUTHORIZATION_HEADER ? /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header) : null;
    if (!match) throw invalidToken('The Authorization header is not a bearer token.');
    return match[1];
  }

  async verify(token: string): Promise<VerifiedIdentity> {
    const key = this.cache ? createHash('sha256').update(token).digest('base64url') : '';
    const cached = this.cache?.get(key);
    const nowSeconds = this.clock.now() / 1000;
    if (cached) {
      if (cached.expiresAt + this.auth.clockToleranceSeconds > nowSeconds) return cached;
      this.cache?.delete(key);
      throw invalidToken('The access token has expired.');
    }

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.jwks, {
        issuer: this.logto.issuer,
        audience: this.logto.audience,
        algorithms: this.auth.algorithms,
        typ: 'at+jwt',
        clockTolerance: this.auth.clockToleranceSeconds,
        currentDate: new Date(this.clock.now()),
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw this.rejection(error);
    }
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 128) {
      throw invalidToken('The access token has no subject.');
    }

    const identity: VerifiedIdentity = {
      userId: payload.sub,
      scopes: new Set(typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : []),
      clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined,
      expiresAt: payload.exp as number,
    };
    this.cache?.set(key, identity, { ttl: Math.max(1, (identity.expiresAt - nowSeconds) * 1000) });
    return identity;
  }

  private rejection(error: unknown): DomainError {
    // Logto's JWKS could not be fetched: not the client's fault, and not a reason to call the token invalid.
    if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && error.name === 'TypeError')) {
      this.logger.warn({ err: error }, 'JWKS could not be fetched');
      return new DomainError('upstream.unreachable', 'The token signing keys cannot be fetched from Logto right now.', {
        headers: { 'retry-after': '5' },
      });
    }
    if (error instanceof joseErrors.JWKSInvalid) {
      this.logger.warn({ err: error }, 'JWKS response is not valid');
      return new DomainError('upstream.bad_response', 'Logto served an invalid signing key set.');
    }
    if (error instanceof joseErrors.JWTExpired) return invalidToken('The access token has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      return invalidToken(`The access token's "${error.claim}" claim is not valid here.`);
    }
    if (error instanceof joseErrors.JWKSNoMatchingKey) return invalidToken('The access token was not signed by a current Logto key.');
    if (error instanceof joseErrors.JOSEAlgNotAllowed) return invalidToken('The access token uses an algorithm that is not accepted.');
    if (error instanceof joseErrors.JOSEError) return invalidToken('The access token is not valid.');
    // jose throws TypeError-like errors for garbage input; it is still just an invalid token.
    return invalidToken('The access token is not valid.');
  }
}

export function invalidToken(detail: string): DomainError {
  return new DomainError('auth.token_invalid', detail, { headers: { 'www-authenticate': INVALID_TOKEN_CHALLENGE } });
}
