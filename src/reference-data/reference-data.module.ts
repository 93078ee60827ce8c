import { CacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { Keyv } from 'keyv';
import { SharedStore } from '../store/shared-store.js';
import { ReferenceDataCache } from './reference-data.cache.js';
import { SharedStoreKeyv } from './shared-store-keyv.js';

/**
 * The read-through cache of tenant-wide reference data. Without REDIS_URL it is cache-manager's default
 * in-memory Keyv (a few keys, each with a TTL: bounded); with Redis, a Keyv store over the shared store, so
 * every instance reads the same entry and Logto is asked once per TTL for the whole fleet. Atomic state
 * (locks, counters, the M2M token's single flight) stays in the SharedStore itself: a cache may lose entries.
 */
@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [SharedStore],
      useFactory: (store: SharedStore): { stores?: Keyv[] } =>
        store.kind === 'redis' ? { stores: [new Keyv({ store: new SharedStoreKeyv(store, 'reference:') })] } : {},
    }),
  ],
  providers: [ReferenceDataCache],
  exports: [ReferenceDataCache],
})
export class ReferenceDataModule {}
