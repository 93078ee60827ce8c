import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { CreateCodeVerificationDto } from './dto/create-code-verification.dto.js';
import { CreatePasswordVerificationDto } from './dto/create-password-verification.dto.js';
import { VerificationDto } from './dto/verification.dto.js';
import { VerifyCodeDto } from './dto/verify-code.dto.js';
import { VerificationService } from './verification.service.js';
import { IdempotentMutations } from '../idempotency/idempotent-mutations.decorator.js';
import { SecretResponse } from '../idempotency/secret-response.decorator.js';

/** Step-up: prove it is you (password, or a code to your current email or phone) before a sensitive change. */
@ApiTags('Verification')
@ApiBearerAuth('bearer')
@Controller('me/verifications')
@IdempotentMutations()
export class VerificationController {
  constructor(private readonly verifications: VerificationService) {}

  /** Verifies the current password and returns a verified record at once. Five wrong passwords in 15 minutes lock it. */
  @Post('password')
  @SecretResponse()
  @ApiOperation({ summary: 'Verify with my password' })
  @ApiProblems('request.validation_failed', 'verification.invalid_password', 'verification.locked')
  createPasswordVerification(@CurrentUser() identity: VerifiedIdentity, @Body() body: CreatePasswordVerificationDto): Promise<VerificationDto> {
    return this.verifications.verifyPassword(identity.userId, body.password);
  }

  /** Sends a code to the account's current primary email or phone and returns a pending record. */
  @Post('code')
  @SecretResponse()
  @ApiOperation({ summary: 'Verify with a code to my email or phone' })
  @ApiProblems('request.validation_failed', 'verification.channel_unavailable', 'verification_code.rate_limited')
  createCodeVerification(@CurrentUser() identity: VerifiedIdentity, @Body() body: CreateCodeVerificationDto): Promise<VerificationDto> {
    return this.verifications.sendCode(identity.userId, body.channel);
  }

  /** Verifies the code of a pending record. Five wrong codes burn the record. */
  @Post(':verificationId/verify')
  @SecretResponse()
  @ApiOperation({ summary: 'Enter the code of a verification' })
  @HttpCode(200)
  @ApiProblems('request.validation_failed', 'verification.invalid_code', 'verification.expired')
  verifyCodeVerification(
    @CurrentUser() identity: VerifiedIdentity,
    @Param('verificationId') verificationId: string,
    @Body() body: VerifyCodeDto,
  ): Promise<VerificationDto> {
    return this.verifications.verifyCode(identity.userId, verificationId, body.code);
  }
}
