import { Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { MemoryStore } from './memory-store.js';
import { SharedStore } from './shared-store.js';

@Global()
@Module({
  providers: [{ provide: SharedStore, useFactory: (clock: Clock) => new MemoryStore(clock), inject: [Clock] }],
  exports: [SharedStore],
})
export class StoreModule {}
