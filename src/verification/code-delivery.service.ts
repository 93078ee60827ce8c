import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { VerificationCodeTarget } from '../logto/logto.types.js';
import { SharedStore } from '../store/shared-store.js';
import { rateLimitRejections } from '../observability/metrics.js';

export type CodeChannel = 'email' | 'phone';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Sends per user and channel within one hour (a fixed window that starts with the first send). */
export const CODE_SENDS_PER_HOUR = 5;

/**
 * The one way this service sends a verification code (step-up codes to the current address, codes to a new
 * email or phone), so its limits are shared by every route: one send per 60 s and five per hour for each user
 * and channel. Logto's own cap (10 sends per recipient per 10 minutes, 429 request.message_rate_limited) is per
 * recipient, so it does not stop one account from spraying codes at many addresses; these limits do.
 *
 * A request refused before anything is sent does not count: the 60-second slot is taken atomically before the
 * send (so concurrent requests cannot both pass) and given back when Logto refuses, and the hourly counter is
 * only incremented after Logto accepted the send. Holding the slot serializes sends per user and channel, which
 * makes the read-then-increment of the hourly counter safe.
 */
@Injectable()
export class CodeDeliveryService {
  constructor(
    private readonly store: SharedStore,
    private readonly logto: LogtoManagementGateway,
  ) {}

  /**
   * `refusal`, when given, runs once the limits let the send through and before anything is sent; a refusal it
   * returns is thrown instead of sending and counts as a send. That is for answers the limits must guard too:
   * "another account uses this address" tells something about other accounts, so it is given at most as often
   * as a code would be sent. A failure it throws (Logto down) does not count.
   */
  async send(userId: string, channel: CodeChannel, target: VerificationCodeTarget, refusal?: () => Promise<DomainError | undefined>): Promise<void> {
    const hourKey = `code-sends:hour:${channel}:${userId}`;
    const slotKey = `code-sends:slot:${channel}:${userId}`;

    const sentThisHour = (await this.store.get<number>(hourKey)) ?? 0;
    if (sentThisHour >= CODE_SENDS_PER_HOUR) throw await this.rateLimited(hourKey, HOUR_MS, 'code_send_hour');

    const slot = randomUUID();
    if (!(await this.store.setIfAbsent(slotKey, slot, MINUTE_MS))) throw await this.rateLimited(slotKey, MINUTE_MS, 'code_send_minute');

    let refused: DomainError | undefined;
    try {
      refused = await refusal?.();
      if (!refused) await this.logto.sendVerificationCode(target);
    } catch (error) {
      // Nothing was sent (Logto's own rate limit, a bad address, Logto down): the send does not count.
      await this.store.deleteIfEquals(slotKey, slot);
      throw error;
    }
    await this.store.increment(hourKey, HOUR_MS);
    if (refused) throw refused;
  }

  private async rateLimited(key: string, windowMs: number, bucket: 'code_send_hour' | 'code_send_minute'): Promise<DomainError> {
    rateLimitRejections.inc({ bucket });
    const remainingMs = (await this.store.ttl(key)) ?? windowMs;
    return new DomainError('verification_code.rate_limited', 'Too many verification codes were requested. Try again later.', {
      headers: { 'retry-after': String(Math.max(1, Math.ceil(remainingMs / 1000))) },
    });
  }
}
