import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { AllConfig } from '../config/app-config.js';
import { LogtoWebhookService, SIGNATURE_HEADER } from './logto-webhook.service.js';
import { AccountModule } from '../account/account.module.js';
import { VerificationModule } from '../verification/verification.module.js';

export const WEBHOOK_PATH = '/webhooks/logto';
/**
 * A suspension or deletion event carries the whole user, custom data included, which Logto does not bound
 * tightly; refusing a large one would lose the event, so the limit is well above BODY_LIMIT_BYTES's default.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * POST /webhooks/logto, served only when LOGTO_WEBHOOK_SIGNING_KEY is set (otherwise 404 like any unknown
 * path). A plain Fastify route in its own plugin, not a Nest controller: the signature is over the raw bytes,
 * and this plugin's only body parser keeps them as they are, so nothing parses attacker-controlled JSON before
 * the signature is checked. It needs no access token and is outside /me, so neither the access-token guard nor
 * the idempotency machinery applies; the per-IP limit and the security headers (Fastify hooks) do. Errors
 * reach Nest's exception filter through Fastify's error handler: problem+json like every other route.
 */
@Injectable()
class LogtoWebhookRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly webhooks: LogtoWebhookService,
    private readonly config: ConfigService<AllConfig, true>,
  ) {}

  onModuleInit(): void {
    if (!this.config.get('logto', { infer: true }).webhookSigningKey) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, (_request, body, done) => done(null, body));
      scope.post(WEBHOOK_PATH, { bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        await this.webhooks.receive(body, request.headers[SIGNATURE_HEADER]);
        return reply.code(204).header('cache-control', 'no-store').send();
      });
    });
  }
}

@Module({
  imports: [AccountModule, VerificationModule],
  providers: [LogtoWebhookService, LogtoWebhookRoute],
})
export class WebhooksModule {}
