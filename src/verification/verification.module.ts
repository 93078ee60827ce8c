import { Global, Module } from '@nestjs/common';
import { StepUpService } from './step-up.service.js';

/**
 * Step-up verification records. The routes that create and verify records (password, codes), with their
 * lockouts and rate limits, belong here too.
 */
@Global()
@Module({
  providers: [StepUpService],
  exports: [StepUpService],
})
export class VerificationModule {}
