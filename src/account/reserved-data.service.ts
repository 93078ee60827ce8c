import { Injectable } from '@nestjs/common';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { JsonObject } from '../logto/logto.types.js';
import { RESERVED_CUSTOM_DATA_KEY } from './reserved-custom-data-key.js';
import { SharedStore } from '../store/shared-store.js';
import { withStoreLock } from '../store/store-lock.js';

/** A deletion the user asked for, waiting for its grace period to end (epoch ms). */
export interface StoredDeletionRequest {
  requestedAt: number;
  scheduledFor: number;
}

/** One of this service's audit records kept for the user's activity feed (see ActivityRecorder). */
export interface StoredActivityRecord {
  id: string;
  event: string;
  /** epoch ms */
  at: number;
  details?: Record<string, string | number | boolean>;
}

/** This service's own per-user state, kept in Logto under `customData[RESERVED_CUSTOM_DATA_KEY]`. */
export interface ReservedData {
  deletion?: StoredDeletionRequest;
  activity?: StoredActivityRecord[];
}

/** Longer than a read and a write of custom data (each bounded by LOGTO_TIMEOUT_MS). */
const NAMESPACE_LOCK_TIMINGS = { ttlMs: 30_000, waitMs: 5_000 };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isEpoch = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Reads the reserved namespace out of a user's custom data. Admins can write any custom data in Logto's
 * console, so the namespace is parsed defensively: a malformed part is treated as absent, never trusted.
 */
export function readReservedData(customData: JsonObject | undefined): ReservedData {
  const raw = customData?.[RESERVED_CUSTOM_DATA_KEY];
  if (!isObject(raw)) return {};
  const data: ReservedData = {};
  const deletion = raw.deletion;
  if (isObject(deletion) && isEpoch(deletion.requestedAt) && isEpoch(deletion.scheduledFor)) {
    data.deletion = { requestedAt: deletion.requestedAt, scheduledFor: deletion.scheduledFor };
  }
  if (Array.isArray(raw.activity)) {
    data.activity = raw.activity.filter(
      (entry): entry is StoredActivityRecord =>
        isObject(entry) && typeof entry.id === 'string' && typeof entry.event === 'string' && isEpoch(entry.at) && (entry.details === undefined || isObject(entry.details)),
    );
  }
  return data;
}

/**
 * Durable per-user state of this service without a database of its own: one reserved top-level key of the
 * user's Logto custom data. It survives restarts, every instance sees it, and it is deleted with the user.
 * Users never see or edit it through this service (CustomDataPolicy refuses the key).
 */
@Injectable()
export class ReservedDataService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly store: SharedStore,
  ) {}

  async read(userId: string): Promise<ReservedData> {
    return readReservedData(await this.logto.getCustomData(userId));
  }

  /**
   * Read-modify-write of the namespace. Logto's PATCH custom-data merges top-level keys only, so the whole
   * namespace object is written back, and nothing else: other keys (the user's, the operator's) are never part
   * of the write. `change` returns undefined to write nothing; it may throw.
   */
  async update(userId: string, change: (current: ReservedData) => ReservedData | undefined): Promise<ReservedData> {
    return this.withLock(userId, async () => {
      const current = await this.read(userId);
      const next = change(current);
      if (next === undefined) return current;
      const stored: JsonObject = {};
      if (next.deletion) stored.deletion = { ...next.deletion };
      if (next.activity && next.activity.length > 0) stored.activity = next.activity;
      await this.logto.mergeCustomData(userId, { [RESERVED_CUSTOM_DATA_KEY]: stored });
      return next;
    });
  }

  /**
   * Serializes everything that reads and then acts on one user's namespace (writes, the deletion sweeper's
   * re-read and delete), across instances when the store is Redis. It is a lock of its own, not
   * UserLockService's: audit records are written to the namespace while the service that made the change may
   * still hold the user lock, which is not reentrant. Never record an audit event inside it.
   */
  async withLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
    return withStoreLock(this.store, `lock:reserved-data:${userId}`, NAMESPACE_LOCK_TIMINGS, work);
  }
}
