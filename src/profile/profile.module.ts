import { Module } from '@nestjs/common';
import { CustomDataPolicy } from './custom-data.policy.js';
import { ProfileController } from './profile.controller.js';
import { ProfileService } from './profile.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { VerificationModule } from '../verification/verification.module.js';

/** GET/PATCH /me, /me/profile and /me/custom-data. */
@Module({
  imports: [AccountModule, AuditModule, VerificationModule],
  controllers: [ProfileController],
  providers: [ProfileService, CustomDataPolicy],
  exports: [ProfileService, CustomDataPolicy],
})
export class ProfileModule {}
