import { Body, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { RequiresStepUp, VerificationId } from '../verification/step-up.decorators.js';
import { BackupCodesDto, BackupCodesStatusDto } from './dto/backup-codes.dto.js';
import { ConfirmTotpDto } from './dto/confirm-totp.dto.js';
import { MfaFactorDto, MfaFactorListDto } from './dto/mfa-factor.dto.js';
import { TotpEnrollmentDto } from './dto/totp-enrollment.dto.js';
import { MfaService } from './mfa.service.js';
import { TotpEnrollmentService } from './totp-enrollment.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';
import { SecretResponse } from '../idempotency/secret-response.decorator.js';

@AccountController('me/mfa', 'MFA')
export class MfaController {
  constructor(
    private readonly mfa: MfaService,
    private readonly totp: TotpEnrollmentService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List my MFA factors',
    description:
      'Authenticator app (`totp`), passkeys (`webauthn`), the backup code set (`backup_code`) and any other factor Logto holds. ' +
      'Never includes a secret or a code. Passkeys cannot be registered through this service: Logto registers them only in ' +
      'its sign-in experience or Account API (a WebAuthn ceremony in the browser), and its Management API can create only ' +
      'TOTP and backup codes. Passkeys registered there are listed here and can be removed; renaming them is only possible ' +
      "through Logto's Account API.",
  })
  listMyMfaFactors(@CurrentUser() identity: VerifiedIdentity): Promise<MfaFactorListDto> {
    return this.mfa.listFactors(identity.userId);
  }

  @Post('totp/enrollment')
  @Header('Cache-Control', 'no-store')
  @SecretResponse()
  @ApiOperation({
    summary: 'Start adding an authenticator app',
    description:
      'Generates a TOTP secret and returns it with its `otpauth://` URI and a QR code. Nothing is bound yet: confirm with a ' +
      'code from the app at `POST /me/mfa/totp` within 10 minutes. Starting again replaces a pending enrollment. The secret ' +
      'appears in this response only.',
  })
  @ApiProblems('mfa.already_enrolled')
  startMyTotpEnrollment(@CurrentUser() identity: VerifiedIdentity): Promise<TotpEnrollmentDto> {
    return this.totp.start(identity.userId);
  }

  @Post('totp')
  @RequiresStepUp()
  @ApiOperation({
    summary: 'Confirm the authenticator app with its first code',
    description:
      'Checks the code against the pending secret (the current 30-second step, or the one before or after) and only then ' +
      'binds the app to the account in Logto. Five wrong codes burn the enrollment.',
  })
  @ApiProblems('request.validation_failed', 'mfa.invalid_code', 'mfa.already_enrolled', 'mfa.enrollment_expired')
  confirmMyTotpEnrollment(
    @CurrentUser() identity: VerifiedIdentity,
    @VerificationId() verificationId: string | undefined,
    @Body() body: ConfirmTotpDto,
  ): Promise<MfaFactorDto> {
    return this.totp.confirm(identity.userId, verificationId, body);
  }

  @Get('backup-codes')
  @ApiOperation({ summary: 'Count my backup codes', description: 'How many backup codes the current set has and how many are unused. Never the codes.' })
  getMyBackupCodesStatus(@CurrentUser() identity: VerifiedIdentity): Promise<BackupCodesStatusDto> {
    return this.mfa.backupCodesStatus(identity.userId);
  }

  @Post('backup-codes')
  @Header('Cache-Control', 'no-store')
  @SecretResponse()
  @RequiresStepUp()
  @ApiOperation({
    summary: 'Generate new backup codes',
    description:
      'Ten new single-use codes, shown once; the previous set stops working. Needs another factor first (Logto refuses ' +
      'backup codes as the only factor). Logto keeps one set per user, so the old set is removed just before the new one ' +
      'is stored; if Logto fails in between after retries, the problem carries `backupCodesRemoved: true` and the request ' +
      'can simply be repeated.',
  })
  @ApiProblems('mfa.backup_codes_need_factor', 'mfa.backup_codes_exist')
  regenerateMyBackupCodes(@CurrentUser() identity: VerifiedIdentity, @VerificationId() verificationId: string | undefined): Promise<BackupCodesDto> {
    return this.mfa.regenerateBackupCodes(identity.userId, verificationId);
  }

  @Delete(':factorId')
  @HttpCode(204)
  @RequiresStepUp()
  @ApiOperation({
    summary: 'Remove an MFA factor',
    description:
      'Removes the authenticator app, a passkey or the backup code set. Logto itself deletes only the factor named, and ' +
      'would keep backup codes after the last real factor is gone; this service removes them too, since backup codes ' +
      'cannot stand alone.',
  })
  @ApiProblems('mfa.not_found')
  async removeMyMfaFactor(
    @CurrentUser() identity: VerifiedIdentity,
    @Param('factorId') factorId: string,
    @VerificationId() verificationId: string | undefined,
  ): Promise<void> {
    await this.mfa.removeFactor(identity.userId, factorId, verificationId);
  }
}
