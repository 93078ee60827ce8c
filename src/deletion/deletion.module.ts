import { Module } from '@nestjs/common';
import { DeletionIndex } from './deletion-index.js';
import { DeletionSweeper } from './deletion-sweeper.js';
import { DeletionController } from './deletion.controller.js';
import { DeletionService } from './deletion.service.js';
import { ReservedDataService } from './reserved-data.service.js';

/**
 * Account deletion with an optional grace period, and the sweeper (/me, /me/deletion). Also owns the reserved
 * custom-data namespace where this service keeps per-user state (ReservedDataService; the activity feed uses it).
 */
@Module({
  controllers: [DeletionController],
  providers: [DeletionService, DeletionSweeper, DeletionIndex, ReservedDataService],
  exports: [DeletionService, DeletionSweeper, ReservedDataService],
})
export class DeletionModule {}
