import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AllConfig } from '../config/app-config.js';
import { clientAddressKey } from './client-address.js';
import { RateLimitCounter } from './rate-limit-counter.js';
import { countRequest } from './rate-limit-headers.js';
import { isExemptFromIpLimit } from './rate-limit-scope.js';

export const IP_POLICY = 'ip';

/**
 * The per-address limit, counted before anything else runs — in particular before the access-token guard,
 * so a flood of invalid tokens is limited too (Nest guards all run after routing; a Fastify onRequest hook
 * runs first). The address is Fastify's `request.ip`, which honours TRUST_PROXY; IPv6 addresses are
 * grouped by /64 (clientAddressKey).
 */
@Injectable()
export class IpRateLimitHook implements OnModuleInit {
  private readonly limit: number;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly counter: RateLimitCounter,
    config: ConfigService<AllConfig, true>,
  ) {
    this.limit = config.get('rateLimit', { infer: true }).perIpPerMinute;
  }

  onModuleInit(): void {
    // Fastify computes each route's hooks when it becomes ready, so a hook added here covers every route.
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply, done) => {
      if (isExemptFromIpLimit(request)) return done();
      countRequest(this.counter, reply, { key: clientAddressKey(request.ip), policy: IP_POLICY, quota: this.limit, who: 'address' }).then(
        () => done(),
        done,
      );
    });
  }
}
