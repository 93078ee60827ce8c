import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { CreateCodeVerificationDto } from './dto/create-code-verification.dto.js';
import { CreatePasswordVerificationDto } from './dto/create-password-verification.dto.js';
import { CreateReauthenticationVerificationDto } from './dto/create-reauthentication-verification.dto.js';
import { VerificationDto } from './dto/verification.dto.js';
import { VerifyCodeDto } from './dto/verify-code.dto.js';
import { VerificationService } from './verification.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';
import { SecretResponse } from '../idempotency/secret-response.decorator.js';

/** Step-up: prove it is you (password, a code to your current email or phone, or a fresh sign-in) before a sensitive change. */
@AccountController('me/verifications', 'Verification')
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

  /**
   * Verifies an ID token from a fresh sign-in at Logto and returns a verified record at once: the method for every
   * user, also one with no password, email or phone. The token must come from an app in REAUTH_CLIENT_IDS, be for
   * the caller, show a sign-in (`auth_time`) at most REAUTH_MAX_AGE_SECONDS old, and is accepted once.
   */
  @Post('reauthentication')
  @ApiOperation({ summary: 'Verify with a fresh sign-in (ID token)' })
  @ApiProblems('request.validation_failed', 'verification.invalid_id_token', 'verification.method_unavailable')
  createReauthenticationVerification(
    @CurrentUser() identity: VerifiedIdentity,
    @Body() body: CreateReauthenticationVerificationDto,
  ): Promise<VerificationDto> {
    return this.verifications.verifyReauthentication(identity.userId, body.idToken);
  }

  /** Sends a code to the account's current primary email or phone and returns a pending record. */
  @Post('code')
  @SecretResponse()
  @ApiOperation({ summary: 'Verify with a code to my email or phone' })
  @ApiProblems('request.validation_failed', 'verification.channel_unavailable', 'verification_code.rate_limited')
  createCodeVerification(@CurrentUser() identity: VerifiedIdentity, @Body() body: CreateCodeVerificationDto): Promise<VerificationDto> {
    return this.verifications.sendCode(identity.userId, body.channel);
  }

  /**
   * Verifies the code of a pending record. Five wrong codes burn the record; ten wrong codes per user and hour,
   * over every record and the contact-change routes, lock code entry (429 verification.locked with Retry-After).
   */
  @Post(':verificationId/verify')
  @SecretResponse()
  @ApiOperation({ summary: 'Enter the code of a verification' })
  @HttpCode(200)
  @ApiProblems('request.validation_failed', 'verification.invalid_code', 'verification.expired', 'verification.locked')
  verifyCodeVerification(
    @CurrentUser() identity: VerifiedIdentity,
    @Param('verificationId') verificationId: string,
    @Body() body: VerifyCodeDto,
  ): Promise<VerificationDto> {
    return this.verifications.verifyCode(identity.userId, verificationId, body.code);
  }
}
