import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { buildInfo } from '../observability/build-info.js';
import { ReadinessService, type Readiness } from './readiness.service.js';

/**
 * Liveness says the process can answer (and which build it is); readiness says whether the instance should
 * receive traffic (ReadinessService explains what that means during an upstream outage). Orchestrators route
 * traffic on readiness and restart on liveness, so liveness never depends on Logto or Redis.
 */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  live(): { status: 'ok'; version: string; commit: string } {
    return { status: 'ok', ...buildInfo() };
  }

  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<Pick<Readiness, 'status' | 'checks'>> {
    const { ready, status, checks } = await this.readiness.check();
    if (!ready) {
      // The shape the problem filter renders as 503 `health.unavailable` with `checks`.
      throw new ServiceUnavailableException({
        status: 'error',
        details: Object.fromEntries(Object.entries(checks).map(([name, state]) => [name, { status: state }])),
      });
    }
    return { status, checks };
  }
}
