import { Module } from '@nestjs/common';
import { MfaModule } from '../mfa/mfa.module.js';
import { SecurityController } from './security.controller.js';
import { SecurityService } from './security.service.js';
import { VerificationModule } from '../verification/verification.module.js';

/** The security overview a settings page renders from (/me/security). */
@Module({
  imports: [MfaModule, VerificationModule],
  controllers: [SecurityController],
  providers: [SecurityService],
})
export class SecurityModule {}
