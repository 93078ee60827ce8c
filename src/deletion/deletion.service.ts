import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AllConfig } from '../config/app-config.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { iso } from '../profile/account.mapper.js';
import { StepUpService } from '../verification/step-up.service.js';
import { DeletionIndex } from './deletion-index.js';
import type { DeletionStatusDto } from './dto/deletion-status.dto.js';
import { ReservedDataService, type ReservedData, type StoredDeletionRequest } from '../account/reserved-data.service.js';

const DAY_MS = 24 * 3600_000;

export function toDeletionStatus(request: StoredDeletionRequest | undefined): DeletionStatusDto {
  if (!request) return { status: 'none' };
  return { status: 'scheduled', requestedAt: iso(request.requestedAt), scheduledFor: iso(request.scheduledFor) };
}

/**
 * Account deletion. With DELETION_GRACE_PERIOD_DAYS=0 the Logto user is deleted at once. Otherwise the request
 * is recorded in Logto itself (the reserved custom-data namespace, so it survives restarts and every instance
 * sees it), the account keeps working until `scheduledFor`, and DeletionSweeper deletes it then unless the
 * user cancelled.
 */
@Injectable()
export class DeletionService {
  private readonly gracePeriodMs: number;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly logto: LogtoManagementGateway,
    private readonly stepUp: StepUpService,
    private readonly reserved: ReservedDataService,
    private readonly index: DeletionIndex,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.gracePeriodMs = config.get('account', { infer: true }).deletionGracePeriodDays * DAY_MS;
  }

  /** Deletes the account (returns undefined) or schedules its deletion (returns the schedule). */
  async requestDeletion(userId: string, verificationId: string | undefined): Promise<DeletionStatusDto | undefined> {
    const user = await this.logto.getUser(userId);
    await this.stepUp.require(userId, verificationId, user);

    if (this.gracePeriodMs === 0) {
      await this.logto.deleteUser(userId);
      await this.audit.record('account.deleted', userId, { mode: 'immediate' });
      return undefined;
    }

    let scheduledNow = false;
    const data = await this.reserved.update(userId, (current): ReservedData | undefined => {
      // Asking again keeps the first date: the grace period is not restarted by a repeated request.
      if (current.deletion) return undefined;
      scheduledNow = true;
      const now = this.clock.now();
      return { ...current, deletion: { requestedAt: now, scheduledFor: now + this.gracePeriodMs } };
    });
    const request = data.deletion as StoredDeletionRequest;
    // Also on a repeated request: that re-adds an index entry a store failure may have lost after the Logto write.
    await this.index.set(userId, request.scheduledFor);
    if (scheduledNow) await this.audit.record('deletion.scheduled', userId, { scheduledFor: iso(request.scheduledFor) });
    return toDeletionStatus(request);
  }

  async status(userId: string): Promise<DeletionStatusDto> {
    return toDeletionStatus((await this.reserved.read(userId)).deletion);
  }

  async cancel(userId: string): Promise<void> {
    // Under the per-user lock, which the sweeper also takes before it re-reads and deletes (DeletionSweeper).
    await this.reserved.update(userId, (current) => {
      if (!current.deletion) throw new DomainError('deletion.not_scheduled', 'No deletion of this account is scheduled.');
      const rest = { ...current };
      delete rest.deletion;
      return rest;
    });
    await this.index.remove(userId);
    await this.audit.record('deletion.cancelled', userId);
  }
}
