import { Module } from '@nestjs/common';
import { MfaModule } from '../mfa/mfa.module.js';
import { SecurityController } from './security.controller.js';
import { SecurityService } from './security.service.js';

/** The security overview a settings page renders from (/me/security). */
@Module({
  imports: [MfaModule],
  controllers: [SecurityController],
  providers: [SecurityService],
})
export class SecurityModule {}
