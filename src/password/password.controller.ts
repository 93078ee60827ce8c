import { Body, Get, HttpCode, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { RequiresStepUp, VerificationId } from '../verification/step-up.decorators.js';
import { PasswordStatusDto } from './dto/password-status.dto.js';
import { SetPasswordDto } from './dto/set-password.dto.js';
import { PasswordService } from './password.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/password', 'Password')
export class PasswordController {
  constructor(private readonly passwords: PasswordService) {}

  /** Whether the account has a password. */
  @Get()
  @ApiOperation({ summary: 'Do I have a password?' })
  getMyPasswordStatus(@CurrentUser() identity: VerifiedIdentity): Promise<PasswordStatusDto> {
    return this.passwords.status(identity.userId);
  }

  /**
   * Sets or replaces the password. A password the sign-in experience's policy refuses → 422 `password.rejected`
   * with `issues`: each violated rule as `{ code, interpolation? }` (e.g. `password_rejected.too_short`, `{ min: 8 }`).
   */
  @Put()
  @HttpCode(204)
  @ApiOperation({ summary: 'Set or change my password' })
  @RequiresStepUp()
  @ApiProblems('request.validation_failed', 'password.rejected')
  setMyPassword(
    @CurrentUser() identity: VerifiedIdentity,
    @VerificationId() verificationId: string | undefined,
    @Body() body: SetPasswordDto,
  ): Promise<void> {
    return this.passwords.set(identity.userId, body.password, verificationId);
  }
}
