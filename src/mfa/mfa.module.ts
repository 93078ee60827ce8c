import { Module } from '@nestjs/common';
import { MfaController } from './mfa.controller.js';
import { MfaService } from './mfa.service.js';
import { TotpEnrollmentService } from './totp-enrollment.service.js';

/** MFA factors: TOTP enrollment with proof, backup codes, removal (/me/mfa). */
@Module({
  controllers: [MfaController],
  providers: [MfaService, TotpEnrollmentService],
  exports: [MfaService],
})
export class MfaModule {}
