import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AccountStateService } from '../account/account-state.service.js';
import { TokenVerifier } from '../auth/token-verifier.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AllConfig } from '../config/app-config.js';
import { SharedStore } from '../store/shared-store.js';
import { StepUpService } from '../verification/step-up.service.js';
import { parseHookDelivery, type HookDelivery } from './logto-hook-event.js';

/** The header Logto signs deliveries in (packages/core/src/libraries/hook/utils.ts). */
export const SIGNATURE_HEADER = 'logto-signature-sha-256';
/**
 * Logto sends a delivery within seconds (10 s timeout per attempt); an older one is a replay of a captured
 * delivery, not news. Deliveries from a clock a little ahead are accepted.
 */
const MAX_DELIVERY_AGE_MS = 10 * 60_000;
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** A delivery seen once is not applied again while it could still be accepted by its age. */
const SEEN_TTL_MS = MAX_DELIVERY_AGE_MS + MAX_CLOCK_AHEAD_MS;

/**
 * Logto's webhook (POST /webhooks/logto): tells every instance at once that a user was suspended, reinstated,
 * deleted or changed. Only a delivery signed with LOGTO_WEBHOOK_SIGNING_KEY is read at all.
 */
@Injectable()
export class LogtoWebhookService {
  private readonly logger = new Logger('LogtoWebhook');
  private readonly signingKey: string;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly accounts: AccountStateService,
    private readonly tokens: TokenVerifier,
    private readonly stepUp: StepUpService,
    private readonly store: SharedStore,
    private readonly clock: Clock,
  ) {
    this.signingKey = config.get('logto', { infer: true }).webhookSigningKey ?? '';
  }

  async receive(rawBody: Buffer, signature: string | string[] | undefined): Promise<void> {
    this.verifySignature(rawBody, signature);
    const delivery = parseHookDelivery(rawBody);
    if (delivery === undefined) return;

    const ageMs = this.clock.now() - delivery.createdAt;
    if (ageMs > MAX_DELIVERY_AGE_MS || ageMs < -MAX_CLOCK_AHEAD_MS) {
      this.logger.warn({ event: delivery.event, userId: delivery.userId, ageMs }, 'webhook delivery ignored: too old (or from the future)');
      return;
    }
    // Logto may deliver the same event twice (retries); applying it again would revoke verifications made since.
    const seenKey = `webhook-delivery:${createHash('sha256').update(rawBody).digest('base64url')}`;
    if (!(await this.store.setIfAbsent(seenKey, 1, SEEN_TTL_MS))) return;
    try {
      await this.apply(delivery);
    } catch (error) {
      // Not applied: Logto's retry (or a manual resend) must be able to apply it.
      await this.store.delete(seenKey).catch(() => undefined);
      throw error;
    }
  }

  private async apply({ event, userId, isSuspended }: HookDelivery): Promise<void> {
    switch (event) {
      case 'User.SuspensionStatus.Updated':
      case 'User.Deleted': {
        const status = event === 'User.Deleted' ? 'deleted' : isSuspended ? 'suspended' : 'active';
        await this.accounts.remember(userId, status, { overwrite: true });
        const forgottenTokens = this.tokens.forgetUser(userId);
        await this.stepUp.revokeAll(userId);
        this.logger.log({ event, userId, status, forgottenTokens }, 'account status updated by Logto');
        return;
      }
      case 'User.Data.Updated':
        // Logto sends this for the service's own writes too: only cached data goes, never a verification record.
        await this.accounts.forget(userId);
        return;
    }
  }

  /** RFC 2104 HMAC over the exact bytes received, compared in constant time. */
  private verifySignature(rawBody: Buffer, signature: string | string[] | undefined): void {
    const given = typeof signature === 'string' && /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : undefined;
    const expected = createHmac('sha256', this.signingKey).update(rawBody).digest();
    if (given === undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError('webhook.signature_invalid', `The ${SIGNATURE_HEADER} header is missing or is not the signature of this body.`);
    }
  }
}
