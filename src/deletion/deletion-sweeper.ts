import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AllConfig } from '../config/app-config.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoUser } from '../logto/logto.types.js';
import { SharedStore } from '../store/shared-store.js';
import { DeletionIndex } from './deletion-index.js';
import { readReservedData, ReservedDataService } from '../account/reserved-data.service.js';

/** Longer than one user's re-read and delete can take (two Logto calls, each bounded by LOGTO_TIMEOUT_MS). */
const SWEEP_LOCK_TTL_MS = 60_000;

/** What one sweep did, by user id (tests and the log read it). */
export interface SweepReport {
  deleted: string[];
  /** Another instance holds this user's sweep lock and is acting on it. */
  lockedElsewhere: string[];
  /** Dropped from the index: the request was cancelled, or the user is already gone. */
  dropped: string[];
  /** Not due after all (re-scheduled); the index was corrected. */
  notDue: string[];
  /** Logto failed; retried on the next sweep. */
  failed: string[];
}

type Outcome = keyof SweepReport;

/**
 * Deletes the accounts whose grace period has ended. Runs in every instance, every
 * DELETION_SWEEP_INTERVAL_SECONDS; the first run also builds the index of scheduled deletions from Logto
 * (DeletionIndex), so a start-up never waits for that scan.
 *
 * Per user: a sweep lock in the shared store (SET NX PX with a token, released only by its holder) makes one
 * instance act while the others skip; then, under the lock of the user's reserved namespace, which cancel
 * takes too (ReservedDataService.withLock), the user is read again from Logto and deleted only if the request
 * is still there and due. So a cancel that got the lock first wins, and a cancel that comes after finds the
 * account gone. What remains: with the in-memory store the locks are per instance (that store is for a single
 * instance anyway); if a Logto call outlasts the namespace lock's 30 s lifetime, a cancel could land between
 * the re-read and the DELETE; and an admin editing custom data in Logto's console bypasses the lock.
 *
 * The audit line is written after the namespace lock's work returns a deletion, never inside it.
 */
@Injectable()
export class DeletionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeletionSweeper');
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<SweepReport> | undefined;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly logto: LogtoManagementGateway,
    private readonly store: SharedStore,
    private readonly clock: Clock,
    private readonly reserved: ReservedDataService,
    private readonly index: DeletionIndex,
    private readonly audit: AuditService,
  ) {
    this.intervalMs = config.get('account', { infer: true }).deletionSweepIntervalSeconds * 1000;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweepOnce().catch((error: unknown) => this.logger.error({ err: error }, 'deletion sweep failed'));
    }, this.intervalMs);
    // A pending sweep must never keep the process alive.
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One sweep now. Sweeps of one instance never overlap: a call during a sweep waits for it, then runs. */
  async sweepOnce(): Promise<SweepReport> {
    while (this.running) await this.running.catch(() => undefined);
    const run = this.sweep();
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = undefined;
    }
  }

  private async sweep(): Promise<SweepReport> {
    const report: SweepReport = { deleted: [], lockedElsewhere: [], dropped: [], notDue: [], failed: [] };
    const due = await this.index.due(this.clock.now());
    for (const { userId } of due) report[await this.sweepUser(userId)].push(userId);
    if (due.length > 0) this.logger.log({ ...report }, 'deletion sweep');
    return report;
  }

  private async sweepUser(userId: string): Promise<Outcome> {
    const lockKey = `lock:deletion:sweep:${userId}`;
    const token = randomUUID();
    if (!(await this.store.setIfAbsent(lockKey, token, SWEEP_LOCK_TTL_MS))) return 'lockedElsewhere';
    try {
      const outcome = await this.reserved.withLock(userId, () => this.deleteIfStillDue(userId));
      if (outcome === 'deleted') await this.audit.record('account.deleted', userId, { mode: 'scheduled' });
      return outcome;
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'scheduled account deletion failed; it is retried on the next sweep');
      return 'failed';
    } finally {
      await this.store.deleteIfEquals(lockKey, token);
    }
  }

  private async deleteIfStillDue(userId: string): Promise<Outcome> {
    // Re-read: the index may be stale, and the user may have cancelled since it was written.
    const user = await this.ifExists(() => this.logto.getUser(userId));
    const request = user && readReservedData(user.customData).deletion;
    if (!request) {
      await this.index.remove(userId);
      return 'dropped';
    }
    if (request.scheduledFor > this.clock.now()) {
      await this.index.set(userId, request.scheduledFor);
      return 'notDue';
    }
    // Another instance deleting the same user at the same moment (no shared lock) gets Logto's 404: deleting
    // twice is harmless, and only the instance whose DELETE succeeded writes the audit line (sweepUser).
    const deleted = (await this.ifExists(() => this.logto.deleteUser(userId).then(() => true))) === true;
    // A failure here leaves a stale entry, which the next sweep drops (the user is gone).
    await this.index.remove(userId).catch((error: unknown) => this.logger.warn({ err: error, userId }, 'could not drop a deleted user from the deletion index'));
    return deleted ? 'deleted' : 'dropped';
  }

  /** The call's result, or undefined when Logto says the user does not exist. */
  private async ifExists<T extends LogtoUser | boolean>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'account.not_found') return undefined;
      throw error;
    }
  }
}
