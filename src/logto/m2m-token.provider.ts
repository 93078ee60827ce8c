import { Injectable, Logger } from '@nestjs/common';
import { hkdfSync, randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import type { AllConfig, LogtoConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { openSealedJson, sealJson } from '../common/sealing.js';
import { SharedStore } from '../store/shared-store.js';
import { observeLogtoCall } from '../observability/logto-calls.js';
import { m2mTokenRequests } from '../observability/metrics.js';
import { injectTraceHeaders } from '../observability/spans.js';

interface CachedToken {
  token: string;
  expiresAt: number;
  /** `exp` minus the leeway (or half the lifetime for very short-lived tokens). */
  refreshAt: number;
}

/**
 * How the last attempt to hold a Management API token ended, for readiness. `refused`: Logto answered the
 * client-credentials request and said no (wrong app id, secret or resource); `insufficient_scope`: it issued a
 * token without the Management API scope `all` (the app lacks the Management API access role): both are
 * configuration errors that waiting does not fix. `unreachable`/`timeout`: Logto did not answer.
 */
export type M2MTokenOutcome = 'success' | 'refused' | 'insufficient_scope' | 'unreachable' | 'timeout';

export interface M2MTokenStatus {
  /** undefined until the first token is requested or read from the shared store. */
  outcome?: M2MTokenOutcome;
  /** When that outcome was recorded (the provider's clock). */
  at?: number;
  /** A token that is still before its refresh time is cached on this instance. */
  hasFreshToken: boolean;
}

const STORE_KEY = 'logto:m2m-token';
const LOCK_KEY = 'logto:m2m-token:lock';
const LOCK_POLL_MS = 20;
const LEEWAY_MS = 60_000;

/**
 * The machine-to-machine access token for Logto's Management API: cached until `exp` minus a leeway, shared
 * through the store (so a fleet of instances asks once), and single-flight: however many requests arrive
 * without a valid token, one token request is made and they all wait for it. In the store it is sealed under
 * a key derived from the M2M secret: the token has scope `all` over the tenant, and whoever can read Redis
 * should not get it for free. Only instances holding the same secret can use the shared copy.
 */
@Injectable()
export class M2MTokenProvider {
  private readonly logger = new Logger('M2MToken');
  private readonly config: LogtoConfig;
  private local?: CachedToken;
  private inflight?: Promise<string>;
  /** HKDF-SHA256 of the M2M secret (salt: the app id), for the token at rest. */
  private readonly sealingKey: Buffer;
  /** Token requests made by this instance (for tests, health and metrics). */
  requests = 0;
  private last?: { outcome: M2MTokenOutcome; at: number };

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly store: SharedStore,
    private readonly clock: Clock,
  ) {
    this.config = config.get('logto', { infer: true });
    this.sealingKey = Buffer.from(hkdfSync('sha256', this.config.m2mAppSecret, this.config.m2mAppId, 'logto m2m token at rest', 32));
  }

  async getToken(): Promise<string> {
    if (this.local && this.isFresh(this.local)) return this.local.token;
    this.inflight ??= this.obtain().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** The cached token's state and the last outcome, read by readiness without asking Logto for anything. */
  status(): M2MTokenStatus {
    return { outcome: this.last?.outcome, at: this.last?.at, hasFreshToken: this.local !== undefined && this.isFresh(this.local) };
  }

  private record(outcome: M2MTokenOutcome): void {
    this.last = { outcome, at: this.clock.now() };
  }

  /** Called when Logto answered 401 to `token`: forget it, unless a newer token already replaced it. */
  async invalidate(token: string): Promise<void> {
    if (this.local?.token === token) this.local = undefined;
    const sealed = await this.store.get<unknown>(STORE_KEY);
    if (this.open(sealed)?.token === token) await this.store.deleteIfEquals(STORE_KEY, sealed);
  }

  /** The shared token, or undefined: also for a record sealed under another secret (before a rotation) or in the plain format of older versions. */
  private async readShared(): Promise<CachedToken | undefined> {
    return this.open(await this.store.get<unknown>(STORE_KEY));
  }

  private open(sealed: unknown): CachedToken | undefined {
    if (typeof sealed !== 'string') return undefined;
    try {
      const cached = openSealedJson<Partial<CachedToken>>(this.sealingKey, sealed);
      if (typeof cached.token !== 'string' || typeof cached.expiresAt !== 'number' || typeof cached.refreshAt !== 'number') return undefined;
      return cached as CachedToken;
    } catch {
      return undefined;
    }
  }

  private isFresh(cached: CachedToken): boolean {
    return cached.refreshAt > this.clock.now();
  }

  private async obtain(): Promise<string> {
    // Across instances: one takes a short lock and asks Logto; the others wait for its token in the store.
    // The lock outlives one token request (timeout) so a dead holder delays the others by that much at most.
    const lockTtlMs = this.config.timeoutMs + 1000;
    const deadline = Date.now() + lockTtlMs + 1000;
    const lockValue = randomUUID();
    for (;;) {
      const shared = await this.readShared();
      if (shared && this.isFresh(shared)) {
        this.local = shared;
        this.record('success');
        return shared.token;
      }
      if (Date.now() > deadline) break;
      if (await this.store.setIfAbsent(LOCK_KEY, lockValue, lockTtlMs)) {
        try {
          // Another instance may have stored a token between our read and taking the lock.
          const stored = await this.readShared();
          if (stored && this.isFresh(stored)) {
            this.local = stored;
            this.record('success');
            return stored.token;
          }
          return await this.requestAndShare();
        } finally {
          await this.store.deleteIfEquals(LOCK_KEY, lockValue).catch(() => undefined);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    // The holder neither produced a token nor let go in time: ask for our own rather than fail.
    return this.requestAndShare();
  }

  private async requestAndShare(): Promise<string> {
    const fresh = await this.requestToken();
    this.local = fresh;
    await this.store.set(STORE_KEY, sealJson(this.sealingKey, fresh), Math.max(1, fresh.expiresAt - this.clock.now()));
    return fresh.token;
  }

  /** One client-credentials request; counted in `logto_m2m_token_requests_total` by outcome. */
  private async requestToken(): Promise<CachedToken> {
    this.requests += 1;
    try {
      const token = await observeLogtoCall('m2mToken', 'POST', () => this.fetchToken());
      m2mTokenRequests.inc({ outcome: 'success' });
      return token;
    } catch (error) {
      m2mTokenRequests.inc({ outcome: 'failure' });
      throw error;
    }
  }

  private async fetchToken(): Promise<CachedToken> {
    const { endpoint, m2mAppId, m2mAppSecret, managementResource, timeoutMs } = this.config;
    const credentials = Buffer.from(`${encodeURIComponent(m2mAppId)}:${encodeURIComponent(m2mAppSecret)}`).toString('base64');
    const headers: Record<string, string> = {
      authorization: `Basic ${credentials}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    injectTraceHeaders(headers);
    let response: Response;
    try {
      response = await fetch(`${endpoint}/oidc/token`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: managementResource, scope: 'all' }).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      this.record(timedOut ? 'timeout' : 'unreachable');
      this.logger.warn({ err: describe(error) }, 'M2M token request failed');
      throw new DomainError(timedOut ? 'upstream.timeout' : 'upstream.auth_failed', 'Could not obtain a Management API token from Logto.', {
        headers: { 'retry-after': '5' },
        cause: error,
      });
    }

    const body = (await response.json().catch(() => undefined)) as
      | { access_token?: unknown; expires_in?: unknown; scope?: unknown; code?: unknown; error?: unknown }
      | undefined;
    if (!response.ok || typeof body?.access_token !== 'string') {
      // A 5xx is Logto failing, not Logto refusing these credentials.
      this.record(response.status >= 500 ? 'unreachable' : 'refused');
      // Log Logto's error code (e.g. oidc.invalid_client), never the credentials.
      this.logger.error(
        { status: response.status, logtoError: body?.code, oauthError: body?.error },
        'Logto refused the M2M token request: check LOGTO_M2M_APP_ID, LOGTO_M2M_APP_SECRET and LOGTO_MANAGEMENT_RESOURCE',
      );
      throw new DomainError('upstream.auth_failed', 'Could not obtain a Management API token from Logto.', {
        headers: { 'retry-after': '5' },
      });
    }
    // Logto drops scopes the app has no role for without an error (01-oidc-token-client-credentials-no-scope):
    // the token is issued, and every Management API call then answers 403.
    const scopes = typeof body.scope === 'string' ? body.scope.split(' ') : [];
    if (scopes.includes('all')) {
      this.record('success');
    } else {
      this.record('insufficient_scope');
      this.logger.error(
        { scope: body.scope ?? null },
        "Logto issued the M2M token without the Management API scope 'all': assign the Management API access role to the M2M app",
      );
    }
    const expiresInSeconds = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
    this.logger.log({ expiresInSeconds }, 'M2M token obtained');
    const lifetimeMs = expiresInSeconds * 1000;
    const now = this.clock.now();
    return { token: body.access_token, expiresAt: now + lifetimeMs, refreshAt: now + Math.max(lifetimeMs - LEEWAY_MS, lifetimeMs / 2) };
  }
}

function describe(error: unknown): { name?: string; message?: string; cause?: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined;
  return { name: error.name, message: error.message, cause };
}
