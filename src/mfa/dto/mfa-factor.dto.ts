import { ApiProperty } from '@nestjs/swagger';

export type MfaFactorType = 'totp' | 'webauthn' | 'backup_code' | 'email_code' | 'phone_code';

export const MFA_FACTOR_TYPES: MfaFactorType[] = ['totp', 'webauthn', 'backup_code', 'email_code', 'phone_code'];

/** One MFA factor of the account. Secrets and codes are never part of it. */
export class MfaFactorDto {
  /** The factor's id in Logto; use it to remove the factor. */
  @ApiProperty({ example: 'k2x9c0a7b1m3n5p8q4r6t' })
  id!: string;

  @ApiProperty({ enum: MFA_FACTOR_TYPES, example: 'totp' })
  type!: MfaFactorType;

  /** When the factor was bound (ISO 8601). */
  @ApiProperty({ example: '2026-11-22T03:51:27.349Z' })
  createdAt!: string;

  /** The name given to a passkey (WebAuthn) when it was registered. */
  @ApiProperty({ example: 'MacBook Touch ID' })
  name?: string;

  /** The user agent a passkey (WebAuthn) was registered with. */
  agent?: string;

  /** When Logto last accepted this factor at sign-in (ISO 8601), when it reports it. */
  lastUsedAt?: string;

  /** Backup codes only: how many codes are still unused. */
  @ApiProperty({ example: 10 })
  remainingCodes?: number;
}

export class MfaFactorListDto {
  items!: MfaFactorDto[];
}
