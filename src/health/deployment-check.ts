import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/app-config.js';
import { SharedStore } from '../store/shared-store.js';

/**
 * Warnings about a deployment that starts but will misbehave. Several instances with the in-memory store each
 * keep their own step-up records, enrollments, idempotency records and rate-limit counters: a verification made
 * on one pod is unknown to the next, and every limit is multiplied by the pod count. An instance cannot count
 * its siblings (the downward API does not expose a Deployment's replica count), so it relies on REPLICAS, which
 * the multi-replica Kubernetes overlay sets.
 */
@Injectable()
export class DeploymentCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Deployment');

  constructor(
    private readonly config: ConfigService<AllConfig, true>,
    private readonly store: SharedStore,
  ) {}

  onApplicationBootstrap(): void {
    const { replicas } = this.config.get('server', { infer: true });
    if (replicas > 1 && this.store.kind === 'memory') {
      this.logger.warn(
        { replicas },
        'REPLICAS is above 1 but REDIS_URL is not set: each instance keeps its own step-up records, enrollments, ' +
          'idempotency records and rate limits; set REDIS_URL (docs/deployment.md, "Several instances")',
      );
    }
  }
}
