import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import { errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { TokenVerifier } from '../auth/token-verifier.service.js';
import { canonicalJson } from '../common/canonical-json.js';
import { Clock } from '../common/clock.js';
import { DomainError, type ProblemExtensions } from '../common/errors/domain-error.js';
import type { AllConfig, AuthConfig, LogtoConfig } from '../config/app-config.js';
import { SharedStore } from '../store/shared-store.js';

/**
 * Checks an ID token offered for the re-authentication step-up (RFC 9470's idea: proof of a fresh sign-in at
 * Logto): signature on Logto's key set (TokenVerifier's, so one cache and one fetch budget), `typ: JWT`, `iss`,
 * `aud` one of REAUTH_CLIENT_IDS, `exp`, `sub` the caller, `auth_time` within REAUTH_MAX_AGE_SECONDS, and used
 * at most once.
 *
 * Logto's ID tokens carry no `jti`, and the token text is no identity either (an ECDSA signature can be rewritten
 * into a second valid one, and base64url has spare bits), so "used once" is keyed on the signed claims: the
 * hash of their canonical JSON, kept in the shared store until the token expires, on every instance.
 */
@Injectable()
export class IdTokenVerifier {
  private readonly logger = new Logger('Reauthentication');
  private readonly auth: AuthConfig;
  private readonly logto: LogtoConfig;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly tokens: TokenVerifier,
    private readonly store: SharedStore,
    private readonly clock: Clock,
  ) {
    this.auth = config.get('auth', { infer: true });
    this.logto = config.get('logto', { infer: true });
  }

  /** Whether the method is on (REAUTH_CLIENT_IDS is set). */
  get enabled(): boolean {
    return this.auth.reauthClientIds.length > 0;
  }

  /** How recent the sign-in must be, for clients (`max_age` of their authorization request). */
  get maxAgeSeconds(): number {
    return this.auth.reauthMaxAgeSeconds;
  }

  /** Resolves when the token proves a fresh sign-in of `userId`; throws 422 verification.invalid_id_token otherwise. */
  async verify(userId: string, idToken: string): Promise<void> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.tokens.keySet, {
        issuer: this.logto.issuer,
        audience: this.auth.reauthClientIds,
        algorithms: this.auth.algorithms,
        typ: 'JWT',
        clockTolerance: this.auth.clockToleranceSeconds,
        currentDate: new Date(this.clock.now()),
        requiredClaims: ['sub', 'exp', 'iat', 'auth_time'],
      }));
    } catch (error) {
      throw this.rejection(error);
    }
    // Another user's token is refused like any other bad one: the answer must not tell whose it is.
    if (payload.sub !== userId) throw invalid('The ID token is not for this account.');

    const nowSeconds = this.clock.now() / 1000;
    const tolerance = this.auth.clockToleranceSeconds;
    const authTime = payload.auth_time;
    if (typeof authTime !== 'number' || !Number.isFinite(authTime) || authTime > nowSeconds + tolerance) {
      throw invalid('The ID token has no valid "auth_time".');
    }
    if (nowSeconds - authTime > this.auth.reauthMaxAgeSeconds + tolerance) {
      throw invalid(`The sign-in is too old: sign in again with max_age=${this.auth.reauthMaxAgeSeconds} (or prompt=login).`, {
        reauthentication: { maxAge: this.auth.reauthMaxAgeSeconds },
      });
    }

    const ttlMs = Math.max(1000, ((payload.exp as number) + tolerance - nowSeconds) * 1000);
    const claimsHash = createHash('sha256').update(canonicalJson(payload)).digest('base64url');
    if (!(await this.store.setIfAbsent(`reauth-id-token:${claimsHash}`, 1, ttlMs))) {
      this.logger.warn({ userId }, 'a re-authentication ID token was offered again');
      throw invalid('This ID token was already used. Sign in again for a new one.');
    }
  }

  private rejection(error: unknown): DomainError {
    // Logto's key set could not be fetched: not the client's fault (TokenVerifier answers the same).
    if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && (error.name === 'JwksUnavailableError' || error.name === 'TypeError'))) {
      this.logger.warn({ err: error }, 'JWKS could not be fetched');
      return new DomainError('upstream.unreachable', 'The token signing keys cannot be fetched from Logto right now.', { headers: { 'retry-after': '5' } });
    }
    if (error instanceof joseErrors.JWKSInvalid) return new DomainError('upstream.bad_response', 'Logto served an invalid signing key set.');
    if (error instanceof joseErrors.JWTExpired) return invalid('The ID token has expired. Sign in again for a new one.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) return invalid(`The ID token's "${error.claim}" claim is not valid here.`);
    if (error instanceof joseErrors.JWKSNoMatchingKey) return invalid('The ID token was not signed by a current Logto key.');
    return invalid('The ID token is not valid.');
  }
}

function invalid(detail: string, extensions?: ProblemExtensions<'verification.invalid_id_token'>): DomainError {
  return new DomainError('verification.invalid_id_token', detail, extensions ? { extensions } : {});
}
