import { Module } from '@nestjs/common';
import { MfaController } from './mfa.controller.js';
import { MfaService } from './mfa.service.js';
import { TotpEnrollmentService } from './totp-enrollment.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { VerificationModule } from '../verification/verification.module.js';

/** MFA factors: TOTP enrollment with proof, backup codes, removal (/me/mfa). */
@Module({
  imports: [AccountModule, AuditModule, VerificationModule],
  controllers: [MfaController],
  providers: [MfaService, TotpEnrollmentService],
  exports: [MfaService],
})
export class MfaModule {}
