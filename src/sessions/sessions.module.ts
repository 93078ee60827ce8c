import { Module } from '@nestjs/common';
import { GrantsController } from './grants.controller.js';
import { GrantsService } from './grants.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { VerificationModule } from '../verification/verification.module.js';

/** Sign-in sessions and authorized applications (/me/sessions, /me/grants). */
@Module({
  imports: [AccountModule, AuditModule, VerificationModule],
  controllers: [SessionsController, GrantsController],
  providers: [SessionsService, GrantsService],
})
export class SessionsModule {}
