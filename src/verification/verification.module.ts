import { Module } from '@nestjs/common';
import { CodeDeliveryService } from './code-delivery.service.js';
import { StepUpService } from './step-up.service.js';
import { VerificationController } from './verification.controller.js';
import { VerificationService } from './verification.service.js';
import { WrongCodeLimiter } from './wrong-code-limiter.service.js';
import { IdTokenVerifier } from './id-token-verifier.service.js';
import { AccountModule } from '../account/account.module.js';

/**
 * Step-up verification records: the routes that create and verify them (password with a lockout, codes with
 * shared send limits), and StepUpService, which every sensitive route uses to check the Verification-Id header.
 * CodeDeliveryService is exported so every route that sends a code shares the same limits.
 */
@Module({
  imports: [AccountModule],
  controllers: [VerificationController],
  providers: [StepUpService, VerificationService, CodeDeliveryService, WrongCodeLimiter, IdTokenVerifier],
  exports: [StepUpService, CodeDeliveryService, WrongCodeLimiter],
})
export class VerificationModule {}
