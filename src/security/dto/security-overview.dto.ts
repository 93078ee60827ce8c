import { ApiProperty } from '@nestjs/swagger';
import { BackupCodesStatusDto } from '../../mfa/dto/backup-codes.dto.js';
import { MfaFactorDto } from '../../mfa/dto/mfa-factor.dto.js';

/** Whether the account has this identifier, and a masked form to show. */
export class MaskedIdentifierDto {
  present!: boolean;

  /** Present only when `present` is true. */
  @ApiProperty({ example: 'a***@example.com' })
  masked?: string;
}

export class LinkedIdentityCountsDto {
  /** Linked social identities (GitHub, Google, …). */
  @ApiProperty({ example: 1 })
  social!: number;

  /** Enterprise SSO identities (read-only here). */
  @ApiProperty({ example: 0 })
  sso!: number;
}

export class MfaSummaryDto {
  /** True when the account has at least one factor besides backup codes. */
  enabled!: boolean;

  factors!: MfaFactorDto[];

  backupCodes!: BackupCodesStatusDto;
}

export class SessionSummaryDto {
  /** Unexpired sign-in sessions in Logto, on every device. */
  @ApiProperty({ example: 2 })
  active!: number;
}

export class ActionStateDto {
  /** The route takes a `Verification-Id` header from a step-up verification. */
  requiresVerification!: boolean;

  /** The action can succeed for this account right now (after step-up when required). */
  allowed!: boolean;

  /** Why it cannot, when `allowed` is false. */
  @ApiProperty({
    enum: ['no_verification_method', 'last_sign_in_method', 'nothing_to_remove', 'already_enrolled', 'needs_another_factor'],
    example: 'last_sign_in_method',
  })
  reason?: string;
}

/** Every sensitive action a settings page offers. */
export class SecurityActionsDto {
  /** PUT /me/email */
  changeEmail!: ActionStateDto;
  /** DELETE /me/email */
  removeEmail!: ActionStateDto;
  /** PUT /me/phone */
  changePhone!: ActionStateDto;
  /** DELETE /me/phone */
  removePhone!: ActionStateDto;
  /** PUT /me/password (also setting a first password) */
  changePassword!: ActionStateDto;
  /** POST /me/identities/social */
  linkIdentity!: ActionStateDto;
  /** DELETE /me/identities/social/{target}: allowed when at least one linked identity can go. */
  unlinkIdentity!: ActionStateDto;
  /** POST /me/mfa/totp (the authenticator app is the one factor this service can add) */
  addMfa!: ActionStateDto;
  /** POST /me/mfa/backup-codes */
  generateBackupCodes!: ActionStateDto;
  /** DELETE /me/mfa/{factorId} */
  removeMfa!: ActionStateDto;
  /** DELETE /me */
  deleteAccount!: ActionStateDto;
}

/** Everything a security settings page needs, in one response. */
export class SecurityOverviewDto {
  hasPassword!: boolean;

  primaryEmail!: MaskedIdentifierDto;

  primaryPhone!: MaskedIdentifierDto;

  /** The ways this account can sign in now: `password`, `email`, `phone`, `social:<target>`, `sso:<connectorId>`. */
  @ApiProperty({ example: ['password', 'email', 'social:github'] })
  signInMethods!: string[];

  linkedIdentities!: LinkedIdentityCountsDto;

  mfa!: MfaSummaryDto;

  sessions!: SessionSummaryDto;

  /** The step-up verification methods this account can use right now. */
  @ApiProperty({ enum: ['password', 'email', 'phone'], isArray: true, example: ['password', 'email'] })
  stepUpMethods!: string[];

  actions!: SecurityActionsDto;
}
