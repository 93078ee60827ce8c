import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { ReservedDataService, type StoredActivityRecord } from '../account/reserved-data.service.js';
import { AUDIT_EVENT_TYPES } from './activity-types.js';

/** How many of the service's own records are kept per user (the newest). */
export const KEPT_ACTIVITY_RECORDS = 100;

/**
 * Keeps the service's audit records that belong in the activity feed, because Logto writes no log entry for
 * Management API calls (a password change through it leaves no trace in GET /api/logs, 10-logs-by-user).
 *
 * Where: a capped list (the newest KEPT_ACTIVITY_RECORDS) in the user's reserved custom-data namespace in
 * Logto. That survives restarts, is shared by every instance and needs no database of our own, and it is
 * deleted together with the user: exactly the lifetime the feed needs. Redis would also be shared, but it is
 * optional here, often run without persistence, and would keep a deleted user's history behind. The cost is
 * one read-modify-write of custom data per recorded change (under the namespace lock, so two instances with a
 * Redis store do not lose each other's entries) and a few kilobytes in the user's custom data; older records
 * fall off the list.
 *
 * The record is written before the change's response is sent (AuditService awaits its listeners), so the user
 * sees it in the feed at once. A failed write is logged and the record is missing from the feed; the change
 * itself and its audit log line stand.
 */
@Injectable()
export class ActivityRecorder {
  private readonly logger = new Logger('ActivityRecorder');

  constructor(
    audit: AuditService,
    private readonly reserved: ReservedDataService,
  ) {
    audit.onRecord((record) => this.keep(record));
  }

  private async keep(record: AuditRecord): Promise<void> {
    if (AUDIT_EVENT_TYPES[record.event] === undefined) return;
    const entry: StoredActivityRecord = { id: `a${randomBytes(10).toString('hex')}`, event: record.event, at: record.at };
    if (record.details && Object.keys(record.details).length > 0) entry.details = record.details;
    try {
      await this.reserved.update(record.userId, (current) => ({
        ...current,
        activity: [entry, ...(current.activity ?? [])].slice(0, KEPT_ACTIVITY_RECORDS),
      }));
    } catch (error) {
      this.logger.warn({ err: error, userId: record.userId, event: record.event }, 'could not keep an activity record');
    }
  }
}
