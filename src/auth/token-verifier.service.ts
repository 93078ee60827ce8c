import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import {
  createRemoteJWKSet,
  customFetch,
  errors as joseErrors,
  jwksCache,
  jwtVerify,
  type ExportedJWKSCache,
  type FetchImplementation,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';
import { LRUCache } from 'lru-cache';
import type { AllConfig, AuthConfig, LogtoConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { canonicalJson } from '../common/canonical-json.js';
import type { VerifiedIdentity } from './verified-identity.js';
import { clientAllowed, clientIdOf, lifetimeProblem, scopesOf, stillValid, subjectProblem } from './token-claims.js';
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
 * asymmetric algorithm, `typ: at+jwt`, `iss`, `aud`, `exp`/`nbf`/`iat` with a small tolerance, a lifetime of at
 * most JWT_MAX_AGE_SECONDS, a `sub` that is a safe user id, and a `client_id` in ALLOWED_CLIENT_IDS when set.
 * Keys come from jose's remote JWK set: cached, refetched once for an unknown `kid`, at most once per
 * JWKS_COOLDOWN_SECONDS, so a flood of forged key ids cannot hammer Logto, and re-read once the set is
 * JWKS_CACHE_MAX_AGE_SECONDS old, so a key Logto removed stops being trusted. Verified tokens are cached by
 * hash until they expire, so a client repeating a token does not pay signature verification each time; the
 * cache is only trusted while the key set is fresh, and is flushed when a refetch shows a key was removed.
 */
@Injectable()
export class TokenVerifier {
  private readonly logger = new Logger('TokenVerifier');
  private readonly auth: AuthConfig;
  private readonly logto: LogtoConfig;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly cache?: LRUCache<string, VerifiedIdentity>;
  /** Undefined: every app of the tenant may call. */
  private readonly allowedClientIds?: ReadonlySet<string>;
  /** JWKS documents fetched by this instance (tests, metrics). */
  jwksFetches = 0;
  /** Canonical JSON → `kid` of every key in the last key set jose adopted; undefined before the first fetch. */
  private publishedKeys?: Map<string, string | undefined>;
  /** When (by the injected clock) jose last adopted a key set. */
  private keySetAdoptedAt?: number;
  /** Bumped at every flush of the verified-token cache. */
  private cacheGeneration = 0;

  constructor(config: ConfigService<AllConfig, true>, private readonly clock: Clock) {
    this.auth = config.get('auth', { infer: true });
    this.logto = config.get('logto', { infer: true });
    this.jwks = createRemoteJWKSet(new URL(`${this.logto.endpoint}/oidc/jwks`), {
      cooldownDuration: this.auth.jwksCooldownSeconds * 1000,
      cacheMaxAge: this.auth.jwksCacheMaxAgeSeconds * 1000,
      timeoutDuration: this.logto.timeoutMs,
      [customFetch]: async (url, options) => {
        this.jwksFetches += 1;
        const response = await this.fetchJwks(url, options);
        // jose turns any status but 200 into a generic JOSEError, indistinguishable from a bad token; a Logto
        // outage is not the client's fault (and, with a stale key set, would otherwise 401 cached tokens).
        if (response.status !== 200) throw new JwksUnavailableError(response.status);
        return response;
      },
      [jwksCache]: this.keySetObserver(),
    });
    if (this.auth.allowedClientIds.length > 0) this.allowedClientIds = new Set(this.auth.allowedClientIds);
    if (this.auth.verifiedTokenCacheSize > 0) {
      this.cache = new LRUCache({ max: this.auth.verifiedTokenCacheSize, ttlAutopurge: false });
    }
  }

  /**
   * Logto's key set as this verifier holds it (cached, refetched under the same cooldown and max age), for other
   * verifiers of tokens Logto signs (the re-authentication ID tokens), so there is one key set and one fetch budget.
   */
  get keySet(): ReturnType<typeof createRemoteJWKSet> {
    return this.jwks;
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

  /**
   * jose's `jwksCache` option is meant for persisting the key set elsewhere: after every fetch it adopts
   * (valid, and not overtaken by a later one) jose writes `uat` and then `jwks` into this object, in the same
   * synchronous step in which it starts resolving keys from that set. A setter there is the one place that
   * sees exactly the sets jose uses, whoever triggered the fetch (unknown `kid`, max age, or `verify`), so
   * no extra request is made and no verification can slip in between "jose uses the new set" and "the
   * cache is flushed". `uat` starts as NaN so jose never seeds itself from this object at construction.
   */
  private keySetObserver(): ExportedJWKSCache {
    let adopted: JSONWebKeySet = { keys: [] };
    const onAdopted = (keySet: JSONWebKeySet) => this.adoptKeySet(keySet);
    return {
      uat: Number.NaN,
      get jwks() {
        return adopted;
      },
      set jwks(keySet: JSONWebKeySet) {
        adopted = keySet;
        onAdopted(keySet);
      },
    };
  }

  /**
   * Keys are compared by the canonical JSON of the whole JWK, not by `kid` or thumbprint alone: jose selects
   * a key by `kid`, `alg`, `use` and `key_ops` too, so a key republished under the same `kid` with other
   * parameters (or other material) may no longer verify what it verified before; treating it as removed
   * costs at most one re-verification per cached token. Added keys cannot invalidate a verified token, so
   * only a removal flushes the verified-token cache.
   */
  private adoptKeySet(keySet: JSONWebKeySet): void {
    const next = new Map(keySet.keys.map((key) => [canonicalJson(key), key.kid]));
    const previous = this.publishedKeys;
    this.publishedKeys = next;
    this.keySetAdoptedAt = this.clock.now();
    if (previous === undefined) return;
    const removedKids = [...previous].filter(([key]) => !next.has(key)).map(([, kid]) => kid ?? '(no kid)');
    if (removedKids.length === 0) return;
    this.cacheGeneration += 1;
    const flushedEntries = this.cache?.size ?? 0;
    this.cache?.clear();
    this.logger.log({ removedKids, flushedEntries }, 'Logto removed signing keys; verified tokens will be checked again');
  }

  /**
   * jose times `cacheMaxAge` with Date.now(); the service keeps every expiry on the injected Clock. So the
   * age is also checked here, on the Clock, before the verified-token cache is trusted: a cached token must
   * not outlive the key set it was verified against. With the system clock both checks agree, and either
   * one's reload resets both ages, so a refresh is still one fetch (jose makes concurrent reloads share it).
   */
  private keySetIsStale(): boolean {
    return this.keySetAdoptedAt !== undefined && this.clock.now() - this.keySetAdoptedAt >= this.auth.jwksCacheMaxAgeSeconds * 1000;
  }

  private async refreshKeySet(): Promise<void> {
    try {
      await this.jwks.reload();
    } catch (error) {
      // As jose does for a set past its max age: keys too old to trust, so no tokens verified with them either.
      throw this.rejection(error);
    }
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

  /**
   * The identity of a valid token. Synchronous when the token is in the verified-token cache (nearly every
   * request of a signed-in user): no promise is made then; a promise when it must be verified.
   */
  verify(token: string): VerifiedIdentity | Promise<VerifiedIdentity> {
    if (this.keySetIsStale()) return this.refreshKeySet().then(() => this.verifyFresh(token));
    return this.verifyFresh(token);
  }

  private verifyFresh(token: string): VerifiedIdentity | Promise<VerifiedIdentity> {
    const key = this.cache ? createHash('sha256').update(token).digest('base64url') : '';
    const cached = this.cache?.get(key);
    if (cached) {
      if (stillValid(cached.expiresAt, this.clock.now() / 1000, this.auth.clockToleranceSeconds)) return cached;
      this.cache?.delete(key);
      throw invalidToken('The access token has expired.');
    }
    return this.verifySignature(token, key);
  }

  private async verifySignature(token: string, key: string): Promise<VerifiedIdentity> {
    const generation = this.cacheGeneration;
    const nowSeconds = this.clock.now() / 1000;

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
    const subjectRefusal = subjectProblem(payload.sub);
    if (subjectRefusal) throw invalidToken(subjectRefusal);
    const lifetimeRefusal = lifetimeProblem(payload, nowSeconds, this.auth);
    if (lifetimeRefusal) throw invalidToken(lifetimeRefusal);
    const clientId = clientIdOf(payload);
    // Before caching: a cached identity is always one of an allowed app.
    if (!clientAllowed(clientId, this.allowedClientIds)) {
      throw new DomainError('auth.client_not_allowed', 'Tokens obtained by this application cannot be used with this API.');
    }

    const identity: VerifiedIdentity = {
      userId: payload.sub as string,
      scopes: scopesOf(payload),
      clientId,
      expiresAt: payload.exp as number,
    };
    const ttlSeconds = Math.min(identity.expiresAt - nowSeconds, this.auth.maxTokenAgeSeconds);
    // A key set adopted while this token was being verified may have removed its key: do not remember it.
    if (generation === this.cacheGeneration) this.cache?.set(key, identity, { ttl: Math.max(1, ttlSeconds * 1000) });
    return identity;
  }

  /**
   * Forgets this instance's verified tokens of one user (after a suspension or deletion), so none of them is
   * served from the cache again; returns how many. Other instances learn of it through the account state.
   */
  forgetUser(userId: string): number {
    if (!this.cache) return 0;
    const keys: string[] = [];
    for (const [key, identity] of this.cache.entries()) if (identity.userId === userId) keys.push(key);
    for (const key of keys) this.cache.delete(key);
    return keys.length;
  }

  private rejection(error: unknown): DomainError {
    // Logto's JWKS could not be fetched: not the client's fault, and not a reason to call the token invalid.
    if (
      error instanceof joseErrors.JWKSTimeout ||
      error instanceof JwksUnavailableError ||
      (error instanceof Error && error.name === 'TypeError')
    ) {
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

/** Logto answered the JWKS request with a status other than 200. */
class JwksUnavailableError extends Error {
  constructor(readonly status: number) {
    super(`The JWKS endpoint answered ${status}`);
    this.name = 'JwksUnavailableError';
  }
}

export function invalidToken(detail: string): DomainError {
  return new DomainError('auth.token_invalid', detail, { headers: { 'www-authenticate': INVALID_TOKEN_CHALLENGE } });
}
