import { CACHE_MANAGER, type Cache } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/app-config.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoConnector } from '../logto/logto.types.js';

/** Cache keys: one per kind of tenant-wide data. */
export const REFERENCE_KEYS = { connectors: 'connectors' } as const;

/**
 * Tenant-wide data read from Logto that is the same for every user and changes rarely (the connector list),
 * read through the cache (`@nestjs/cache-manager`: in memory, or in Redis when REDIS_URL is set) for
 * REFERENCE_CACHE_TTL_SECONDS. Concurrent misses share one Logto call (cache-manager's `wrap` coalesces them).
 * Logto's webhooks name no event for connector changes, so the TTL bounds how stale the list can be; callers
 * that meet an id the cached list lacks ask for a fresh read (`refreshConnectors`). Per-user data never comes
 * through here. Values handed out are shared: callers must not change them.
 */
@Injectable()
export class ReferenceDataCache {
  private readonly ttlMs: number;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    private readonly logto: LogtoManagementGateway,
    config: ConfigService<AllConfig, true>,
  ) {
    this.ttlMs = config.get('store', { infer: true }).referenceCacheTtlSeconds * 1000;
  }

  connectors(): Promise<LogtoConnector[]> {
    return this.read(REFERENCE_KEYS.connectors, () => this.logto.listConnectors());
  }

  /** Reads the connector list from Logto now and caches it: for an id the cached list may predate. */
  async refreshConnectors(): Promise<LogtoConnector[]> {
    const connectors = await this.logto.listConnectors();
    if (this.ttlMs > 0) await this.cache.set(REFERENCE_KEYS.connectors, connectors, this.ttlMs).catch(() => undefined);
    return connectors;
  }

  /** Drops cached data, so the next read goes to Logto (every instance's, with Redis). */
  async invalidate(key: keyof typeof REFERENCE_KEYS): Promise<void> {
    await this.cache.del(REFERENCE_KEYS[key]);
  }

  private read<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs === 0) return load();
    return this.cache.wrap(key, load, this.ttlMs);
  }
}
