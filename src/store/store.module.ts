import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock.js';
import type { AllConfig } from '../config/app-config.js';
import { MemoryStore } from './memory-store.js';
import { SharedStore } from './shared-store.js';
import { UserLockService } from './user-lock.service.js';

/**
 * The shared store: Redis when REDIS_URL is set (any number of instances), memory otherwise (one instance
 * only). Never both: an instance that silently fell back to memory would split state with the others.
 */
async function createStore(config: ConfigService<AllConfig, true>, clock: Clock): Promise<SharedStore> {
  const { redisUrl, keyPrefix, memoryMaxBytes } = config.get('store', { infer: true });
  if (!redisUrl) return new MemoryStore(clock, { maxCappedBytes: memoryMaxBytes });
  // Loaded only here: ioredis is about 30 ms of every start-up, for instances that do not use it.
  const { RedisStore } = await import('./redis-store.js');
  const store = new RedisStore({ url: redisUrl, keyPrefix });
  await store.connect();
  return store;
}

@Global()
@Module({
  providers: [{ provide: SharedStore, useFactory: createStore, inject: [ConfigService, Clock] }, UserLockService],
  exports: [SharedStore, UserLockService],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(private readonly store: SharedStore) {}

  /** Last of the shutdown hooks, so in-flight requests and other modules' shutdown work can still use it. */
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
