import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { M2MTokenProvider, type M2MTokenOutcome } from '../logto/m2m-token.provider.js';
import { dependencyUp } from '../observability/metrics.js';
import { SharedStore } from '../store/shared-store.js';

export type CheckStatus = 'up' | 'down';

export interface Readiness {
  /** `ok`: every check is up; `degraded`: an upstream is down but the instance stays in rotation (see below). */
  status: 'ok' | 'degraded' | 'unavailable';
  ready: boolean;
  checks: Record<string, CheckStatus>;
}

/** M2M outcomes that waiting does not fix: the credentials, resource or role are wrong. */
const CONFIGURATION_ERRORS: ReadonlySet<M2MTokenOutcome> = new Set(['refused', 'insufficient_scope']);

/**
 * What GET /health/ready answers, computed at most once per READINESS_CACHE_MS however many probes arrive
 * (single-flight: concurrent probes share the computation in progress). Probes are unauthenticated, so a
 * flood of them must cost Logto nothing more than one discovery read per window, and never reach the circuit
 * breaker of user calls (the gateway's ping bypasses it).
 *
 * What "ready" means (docs/runbook.md, "Readiness"):
 * - Not ready until every check has been up once: a new pod joins only after it reached Logto, obtained a
 *   Management API token and, when configured, reached Redis. A rolling update with a broken configuration
 *   stops at the first new pod while the old ones keep serving.
 * - Not ready while Logto refuses the M2M credentials or issues a token without the Management API scope:
 *   every /me call would answer 503 `upstream.auth_failed`, and only a configuration change fixes it.
 * - Still ready ("degraded", 200) during an outage of Logto or Redis after that first success: every pod
 *   sees the same outage, and taking all of them out of the Service would replace the service's own
 *   problem+json 503 with `Retry-After` by the ingress's bare 503 page, and delay recovery by the probes'
 *   period times their success threshold.
 *
 * The M2M check reads the token provider's state; it asks for a token (through the provider's single flight,
 * which answers from its cache when it holds a fresh token) only when no fresh token is cached, so a probe
 * costs no token request while the service works, and at most one per window while it does not.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private readonly cacheMs: number;
  private cached?: { at: number; result: Readiness };
  private inflight?: Promise<Readiness>;
  private everReady = false;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly logto: LogtoManagementGateway,
    private readonly tokens: M2MTokenProvider,
    private readonly store: SharedStore,
    private readonly clock: Clock,
  ) {
    this.cacheMs = config.get('server', { infer: true }).readinessCacheMs;
  }

  check(): Promise<Readiness> {
    if (this.cached && this.clock.now() - this.cached.at < this.cacheMs) return Promise.resolve(this.cached.result);
    this.inflight ??= this.compute()
      .then((result) => {
        this.cached = { at: this.clock.now(), result };
        return result;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private async compute(): Promise<Readiness> {
    const [logto, managementApi, redis] = await Promise.all([
      succeeds(() => this.logto.ping()),
      this.managementApiCheck(),
      this.store.kind === 'memory' ? Promise.resolve(undefined) : succeeds(() => this.store.ping()),
    ]);
    const checks: Record<string, CheckStatus> = { logto, managementApi: managementApi.status };
    if (redis) checks.redis = redis;
    for (const [dependency, status] of Object.entries(checks)) dependencyUp.set({ dependency }, status === 'up' ? 1 : 0);
    const allUp = Object.values(checks).every((status) => status === 'up');
    if (allUp && !this.everReady) {
      this.everReady = true;
      this.logger.log('ready: Logto, the Management API token and the shared store answered');
    }
    const ready = !managementApi.misconfigured && this.everReady;
    return { status: allUp ? 'ok' : ready ? 'degraded' : 'unavailable', ready, checks };
  }

  private async managementApiCheck(): Promise<{ status: CheckStatus; misconfigured: boolean }> {
    if (!this.tokens.status().hasFreshToken) await this.tokens.getToken().catch(() => undefined);
    const { outcome, hasFreshToken } = this.tokens.status();
    const misconfigured = outcome !== undefined && CONFIGURATION_ERRORS.has(outcome);
    return { status: hasFreshToken && !misconfigured ? 'up' : 'down', misconfigured };
  }
}

async function succeeds(ping: () => Promise<void>): Promise<CheckStatus> {
  try {
    await ping();
    return 'up';
  } catch {
    return 'down';
  }
}
