import { Injectable } from '@nestjs/common';
import { ReservedDataService, type StoredActivityRecord } from '../account/reserved-data.service.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoLogEntry } from '../logto/logto.types.js';
import { iso } from '../profile/account.mapper.js';
import { compareNewestFirst, decodeCursor, encodeCursor, isAfter, type ActivityPosition } from './activity-cursor.js';
import { AUDIT_EVENT_TYPES, LOGTO_LOG_TYPES } from './activity-types.js';
import type { ActivityItemDto, ActivityPageDto } from './dto/activity.dto.js';

export const DEFAULT_ACTIVITY_LIMIT = 20;
export const MAX_ACTIVITY_LIMIT = 100;
/** Logto's largest page (GET /api/logs page_size ≤ 100). */
const LOGTO_PAGE_SIZE = 100;
/** Most log entries are not shown (4 per sign-in, 1 shown), so a page may need several; this bounds the cost. */
const MAX_LOGTO_PAGES = 5;

type Candidate = ActivityPosition & { item: ActivityItemDto };

interface LogtoSlice {
  items: Candidate[];
  /**
   * Set when Logto has more entries than were read: the createdAt of the last one read. Entries at exactly
   * that time may continue on Logto's next page, so nothing at or before it (from either source) is complete.
   */
  horizon?: number;
}

/**
 * The user's activity: Logto's sign-in logs merged with this service's own records (ActivityRecorder), newest
 * first. Both sources are ordered by (time, id) descending and the cursor is the position of the last item
 * returned, so a page is "the next `limit` items strictly after the cursor" in each source, merged. Logto is
 * asked only for entries up to the cursor's time (`end_time`), so deep pages cost the same as the first.
 */
@Injectable()
export class ActivityService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly reserved: ReservedDataService,
  ) {}

  async list(userId: string, query: { limit?: number; cursor?: string } = {}): Promise<ActivityPageDto> {
    const limit = query.limit ?? DEFAULT_ACTIVITY_LIMIT;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const [own, logto] = await Promise.all([this.ownRecords(userId, after), this.logtoEntries(userId, after, limit)]);

    const { horizon } = logto;
    const candidates = [...own, ...logto.items].filter((candidate) => horizon === undefined || candidate.at > horizon).sort(compareNewestFirst);
    const page = candidates.slice(0, limit);
    const result: ActivityPageDto = { items: page.map((candidate) => candidate.item) };
    if (candidates.length > limit || horizon !== undefined) {
      const last = page.at(-1);
      result.nextCursor = encodeCursor(last ? { at: last.at, id: last.id } : { at: horizon! + 1, id: '' });
    }
    return result;
  }

  private async ownRecords(userId: string, after: ActivityPosition | undefined): Promise<Candidate[]> {
    const records = (await this.reserved.read(userId)).activity ?? [];
    return records.map(fromOwnRecord).filter((candidate): candidate is Candidate => candidate !== undefined && isAfter(candidate, after));
  }

  private async logtoEntries(userId: string, after: ActivityPosition | undefined, limit: number): Promise<LogtoSlice> {
    // end_time is exclusive: +1 keeps the cursor's own millisecond, whose remaining entries isAfter sorts out.
    const before = after === undefined ? undefined : after.at + 1;
    const items: Candidate[] = [];
    const seen = new Set<string>();
    for (let page = 1; ; page += 1) {
      const { items: entries, total } = await this.logto.listUserLogs(userId, { page, pageSize: LOGTO_PAGE_SIZE, before });
      for (const entry of entries) {
        // Entries written while we page shift Logto's pages down by a few: skip what was already read.
        if (seen.has(entry.id)) continue;
        seen.add(entry.id);
        const candidate = fromLogtoEntry(entry);
        if (candidate && isAfter(candidate, after)) items.push(candidate);
      }
      const last = entries.at(-1);
      if (!last || entries.length < LOGTO_PAGE_SIZE || page * LOGTO_PAGE_SIZE >= total) return { items };
      const complete = items.filter((candidate) => candidate.at > last.createdAt).length;
      if (complete > limit || page === MAX_LOGTO_PAGES) return { items, horizon: last.createdAt };
    }
  }
}

function fromLogtoEntry(entry: LogtoLogEntry): Candidate | undefined {
  const type = LOGTO_LOG_TYPES[entry.key];
  if (!type) return undefined;
  const { payload } = entry;
  const item: ActivityItemDto = { id: entry.id, type, at: iso(entry.createdAt), result: payload.result === 'Success' ? 'success' : 'failure' };
  if (typeof payload.ip === 'string' && payload.ip) item.ip = payload.ip;
  if (typeof payload.userAgent === 'string' && payload.userAgent) item.userAgent = payload.userAgent;
  if (typeof payload.applicationId === 'string' && payload.applicationId) item.application = { id: payload.applicationId };
  return { at: entry.createdAt, id: entry.id, item };
}

function fromOwnRecord(record: StoredActivityRecord): Candidate | undefined {
  const type = AUDIT_EVENT_TYPES[record.event as keyof typeof AUDIT_EVENT_TYPES];
  if (!type) return undefined;
  const item: ActivityItemDto = { id: record.id, type, at: iso(record.at), result: 'success' };
  if (record.details) item.details = record.details;
  return { at: record.at, id: record.id, item };
}
