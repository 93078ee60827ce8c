import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { currentRequestContext } from '../common/logging/request-context.js';

/**
 * Every sensitive change a user makes through this service. Logto writes no log entry for Management API
 * calls, so this is the only record of them; the activity feed builds on it.
 */
export type AuditEvent =
  | 'username.changed'
  | 'profile.changed'
  | 'custom_data.changed'
  | 'email.changed'
  | 'email.removed'
  | 'phone.changed'
  | 'phone.removed'
  | 'password.changed'
  | 'identity.linked'
  | 'identity.unlinked'
  | 'mfa.added'
  | 'mfa.removed'
  | 'mfa.backup_codes_regenerated'
  | 'session.revoked'
  | 'sessions.revoked_all'
  | 'grant.revoked'
  | 'deletion.scheduled'
  | 'deletion.cancelled'
  | 'account.deleted';

export interface AuditRecord {
  event: AuditEvent;
  userId: string;
  at: number;
  requestId?: string;
  /** Non-secret facts about the change (a target name, a factor type); never values like codes or passwords. */
  details?: Record<string, string | number | boolean>;
}

/** Listeners (the activity feed) receive every record after it is logged. */
export type AuditListener = (record: AuditRecord) => Promise<void> | void;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');
  private readonly listeners: AuditListener[] = [];

  constructor(private readonly clock: Clock) {}

  onRecord(listener: AuditListener): void {
    this.listeners.push(listener);
  }

  /** Writes exactly one structured audit line, then notifies listeners (their failure never fails the change). */
  async record(event: AuditEvent, userId: string, details?: AuditRecord['details']): Promise<void> {
    const record: AuditRecord = { event, userId, at: this.clock.now(), requestId: currentRequestContext()?.requestId, details };
    this.logger.log({ audit: true, event, userId, requestId: record.requestId, details }, 'audit');
    for (const listener of this.listeners) {
      try {
        await listener(record);
      } catch (error) {
        this.logger.warn({ err: error, event }, 'audit listener failed');
      }
    }
  }
}
