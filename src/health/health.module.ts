import { Module } from '@nestjs/common';
import { DeploymentCheck } from './deployment-check.js';
import { HealthController } from './health.controller.js';
import { ReadinessService } from './readiness.service.js';

@Module({
  controllers: [HealthController],
  providers: [ReadinessService, DeploymentCheck],
})
export class HealthModule {}
