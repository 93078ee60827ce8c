import { Controller, Get } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { SharedStore } from '../store/shared-store.js';

/**
 * Liveness says the process can answer; readiness says it can do its work: Logto's OIDC discovery answers
 * and, when configured, Redis answers. Orchestrators route traffic on readiness and restart on liveness.
 */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly logto: LogtoManagementGateway,
    private readonly store: SharedStore,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const checks = [() => this.probe('logto', () => this.logto.ping())];
    if (this.store.kind !== 'memory') checks.push(() => this.probe('redis', () => this.store.ping()));
    return this.health.check(checks);
  }

  private async probe(name: string, ping: () => Promise<void>) {
    const indicator = this.indicators.check(name);
    try {
      await ping();
      return indicator.up();
    } catch {
      return indicator.down();
    }
  }
}
