import { Body, Delete, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { AccountDto } from '../profile/dto/account.dto.js';
import { RequiresStepUp, VerificationId } from '../verification/step-up.decorators.js';
import { ContactService } from './contact.service.js';
import { ChangeEmailDto } from './dto/change-email.dto.js';
import { ChangePhoneDto } from './dto/change-phone.dto.js';
import { SendEmailCodeDto } from './dto/send-email-code.dto.js';
import { SendPhoneCodeDto } from './dto/send-phone-code.dto.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/email', 'Email')
export class EmailController {
  constructor(private readonly contact: ContactService) {}

  /**
   * Sends a code to the new address, after step-up (whether another account uses the address is told only then).
   * Limits shared with POST /me/verifications/code: 1 per 60 s, 5 per hour; a 409 in-use answer counts as a send.
   */
  @Post('verification-code')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a code to a new email address' })
  @RequiresStepUp()
  @ApiProblems('request.validation_failed', 'email.invalid', 'email.already_in_use', 'verification_code.rate_limited')
  sendEmailVerificationCode(
    @CurrentUser() identity: VerifiedIdentity,
    @VerificationId() verificationId: string | undefined,
    @Body() body: SendEmailCodeDto,
  ): Promise<void> {
    return this.contact.sendCode(identity.userId, 'email', body.email, verificationId);
  }

  /** Sets the primary email after checking the code sent to it. */
  @Put()
  @ApiOperation({ summary: 'Change my email address' })
  @RequiresStepUp()
  @ApiProblems('request.validation_failed', 'email.invalid', 'email.already_in_use', 'verification_code.invalid', 'verification.locked', 'account.busy')
  updateMyEmail(
    @CurrentUser() identity: VerifiedIdentity,
    @VerificationId() verificationId: string | undefined,
    @Body() body: ChangeEmailDto,
  ): Promise<AccountDto> {
    return this.contact.change(identity.userId, 'email', body.email, body.code, verificationId);
  }

  /** Removes the primary email, unless it is the account's last way to sign in. */
  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove my email address' })
  @RequiresStepUp()
  @ApiProblems('account.last_sign_in_method')
  removeMyEmail(@CurrentUser() identity: VerifiedIdentity, @VerificationId() verificationId: string | undefined): Promise<void> {
    return this.contact.remove(identity.userId, 'email', verificationId);
  }
}

@AccountController('me/phone', 'Phone')
export class PhoneController {
  constructor(private readonly contact: ContactService) {}

  /**
   * Sends a code by SMS to the new number, after step-up (whether another account uses the number is told only
   * then). Limits shared with POST /me/verifications/code: 1 per 60 s, 5 per hour; a 409 in-use answer counts as a send.
   */
  @Post('verification-code')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a code to a new phone number' })
  @RequiresStepUp()
  @ApiProblems('request.validation_failed', 'phone.invalid', 'phone.already_in_use', 'verification_code.rate_limited')
  sendPhoneVerificationCode(
    @CurrentUser() identity: VerifiedIdentity,
    @VerificationId() verificationId: string | undefined,
    @Body() body: SendPhoneCodeDto,
  ): Promise<void> {
    return this.contact.sendCode(identity.userId, 'phone', body.phone, verificationId);
  }

  /** Sets the primary phone after checking the code sent to it. */
  @Put()
  @ApiOperation({ summary: 'Change my phone number' })
  @RequiresStepUp()
  @ApiProblems('request.validation_failed', 'phone.invalid', 'phone.already_in_use', 'verification_code.invalid', 'verification.locked', 'account.busy')
  updateMyPhone(
    @CurrentUser() identity: VerifiedIdentity,
    @VerificationId() verificationId: string | undefined,
    @Body() body: ChangePhoneDto,
  ): Promise<AccountDto> {
    return this.contact.change(identity.userId, 'phone', body.phone, body.code, verificationId);
  }

  /** Removes the primary phone, unless it is the account's last way to sign in. */
  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove my phone number' })
  @RequiresStepUp()
  @ApiProblems('account.last_sign_in_method')
  removeMyPhone(@CurrentUser() identity: VerifiedIdentity, @VerificationId() verificationId: string | undefined): Promise<void> {
    return this.contact.remove(identity.userId, 'phone', verificationId);
  }
}
