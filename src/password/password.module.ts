import { Module } from '@nestjs/common';
import { PasswordController } from './password.controller.js';
import { PasswordService } from './password.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { VerificationModule } from '../verification/verification.module.js';

/** GET/PUT /me/password with the sign-in experience's password policy. */
@Module({
  imports: [AccountModule, AuditModule, VerificationModule],
  controllers: [PasswordController],
  providers: [PasswordService],
})
export class PasswordModule {}
