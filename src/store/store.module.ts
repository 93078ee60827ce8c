import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { MemoryStore } from './memory-store.js';
import { SharedStore } from './shared-store.js';
import { UserLockService } from './user-lock.service.js';

@Global()
@Module({
  providers: [{ provide: SharedStore, useFactory: (clock: Clock) => new MemoryStore(clock), inject: [Clock] }, UserLockService],
  exports: [SharedStore, UserLockService],
})
export class StoreModule {}
