import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { SharedStore } from '../store/shared-store.js';
import { readReservedData } from '../account/reserved-data.service.js';
import { withStoreLock } from '../store/store-lock.js';

const INDEX_KEY = 'deletion:index';
const INDEX_LOCK_KEY = 'lock:deletion:index';
/** Set by the instance that scanned Logto; other instances starting within this window skip their scan. */
const REBUILT_MARKER_KEY = 'deletion:index:rebuilt';
const REBUILT_MARKER_TTL_MS = 10 * 60_000;
/** The store needs a lifetime; every write renews it, and a vanished index is rebuilt from Logto. */
const INDEX_TTL_MS = 400 * 24 * 3600_000;
const LOCK_TIMINGS = { ttlMs: 10_000, waitMs: 5_000 };
const SCAN_PAGE_SIZE = 100;

interface StoredIndex {
  /** userId → scheduledFor (epoch ms) */
  users: Record<string, number>;
}

/**
 * Which users have a deletion scheduled, and when: userId → scheduledFor, in the shared store.
 *
 * Why an index: Logto's user search (GET /api/users, openapi.json of 1.41: `search.<field>` over id, username,
 * primaryEmail, primaryPhone and name; packages/core/src/utils/search.ts) cannot filter on custom data, so
 * without it every sweep would have to read every user. The request itself lives in Logto (the reserved
 * custom-data namespace) and stays the source of truth: the index only says whom to look at. It is kept up to
 * date on schedule and cancel, rebuilt from one paged scan of Logto's users at an instance's first sweep, and
 * rebuilt again if it ever vanishes from the store. A stale entry is harmless: the sweeper re-reads the user
 * and drops entries without a request.
 *
 * The index is one store value, so changes are read-modify-write under a store lock (SET NX PX with a token,
 * released only by its holder, expiring if the holder dies): atomic across instances when the store is Redis.
 */
@Injectable()
export class DeletionIndex {
  private readonly logger = new Logger('DeletionIndex');
  /** Whether this instance has scanned Logto (or seen a fresh scan by another instance) since it started. */
  private built = false;

  constructor(
    private readonly store: SharedStore,
    private readonly logto: LogtoManagementGateway,
  ) {}

  async set(userId: string, scheduledFor: number): Promise<void> {
    await this.modify((users) => {
      users[userId] = scheduledFor;
    });
  }

  async remove(userId: string): Promise<void> {
    await this.modify((users) => {
      delete users[userId];
    });
  }

  /** Users whose deletion is due at `now`, earliest first. Builds the index first when needed. */
  async due(now: number): Promise<Array<{ userId: string; scheduledFor: number }>> {
    try {
      await this.ensureBuilt();
    } catch (error) {
      // Logto failing mid-scan must not stop deletions the index already knows about; the scan is retried.
      this.logger.warn({ err: error }, 'deletion index scan failed; sweeping with the index as it is');
    }
    const index = await this.store.get<StoredIndex>(INDEX_KEY);
    return Object.entries(index?.users ?? {})
      .filter(([, scheduledFor]) => scheduledFor <= now)
      .sort(([, a], [, b]) => a - b)
      .map(([userId, scheduledFor]) => ({ userId, scheduledFor }));
  }

  /**
   * Scans Logto once per instance start (skipped when another instance scanned minutes ago and the index is
   * there), and again whenever the index has vanished from the store.
   */
  async ensureBuilt(): Promise<void> {
    const exists = (await this.store.get<StoredIndex>(INDEX_KEY)) !== undefined;
    if (this.built && exists) return;
    if (exists && !this.built) {
      const someoneScannedRecently = !(await this.store.setIfAbsent(REBUILT_MARKER_KEY, randomUUID(), REBUILT_MARKER_TTL_MS));
      if (someoneScannedRecently) {
        this.built = true;
        return;
      }
    } else {
      await this.store.set(REBUILT_MARKER_KEY, randomUUID(), REBUILT_MARKER_TTL_MS);
    }
    try {
      await this.rebuild();
      this.built = true;
    } catch (error) {
      await this.store.delete(REBUILT_MARKER_KEY);
      throw error;
    }
  }

  /** One paged scan of Logto's users; merged into the index so schedules made meanwhile are kept. */
  private async rebuild(): Promise<void> {
    const scanned: Record<string, number> = {};
    let scannedUsers = 0;
    for (let page = 1; ; page += 1) {
      const { items, total } = await this.logto.listUsers({ page, pageSize: SCAN_PAGE_SIZE });
      for (const user of items) {
        const deletion = readReservedData(user.customData).deletion;
        if (deletion) scanned[user.id] = deletion.scheduledFor;
      }
      scannedUsers += items.length;
      if (items.length < SCAN_PAGE_SIZE || page * SCAN_PAGE_SIZE >= total) break;
    }
    await this.modify((users) => Object.assign(users, scanned));
    this.logger.log({ scannedUsers, scheduled: Object.keys(scanned).length }, 'deletion index rebuilt from Logto');
  }

  private async modify(change: (users: Record<string, number>) => void): Promise<void> {
    await withStoreLock(this.store, INDEX_LOCK_KEY, LOCK_TIMINGS, async () => {
      const index = (await this.store.get<StoredIndex>(INDEX_KEY)) ?? { users: {} };
      change(index.users);
      await this.store.set(INDEX_KEY, index, INDEX_TTL_MS);
    });
  }
}
