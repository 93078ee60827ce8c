import { Module } from '@nestjs/common';
import { IdentitiesController } from './identities.controller.js';
import { IdentitiesService } from './identities.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ReferenceDataModule } from '../reference-data/reference-data.module.js';
import { VerificationModule } from '../verification/verification.module.js';

/** Linked social and enterprise (SSO) identities (/me/identities). */
@Module({
  imports: [AccountModule, AuditModule, ReferenceDataModule, VerificationModule],
  controllers: [IdentitiesController],
  providers: [IdentitiesService],
})
export class IdentitiesModule {}
