import { Module } from '@nestjs/common';
import { DeletionIndex } from './deletion-index.js';
import { DeletionSweeper } from './deletion-sweeper.js';
import { DeletionController } from './deletion.controller.js';
import { DeletionService } from './deletion.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { VerificationModule } from '../verification/verification.module.js';

/**
 * Account deletion with an optional grace period, and the sweeper (DELETE /me, /me/deletion). The schedule is
 * kept in the reserved custom-data record (AccountModule's ReservedDataService).
 */
@Module({
  imports: [AccountModule, AuditModule, VerificationModule],
  controllers: [DeletionController],
  providers: [DeletionService, DeletionSweeper, DeletionIndex],
  exports: [DeletionService, DeletionSweeper],
})
export class DeletionModule {}
