import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class ConfirmTotpDto {
  /** The id returned by POST /me/mfa/totp/enrollment. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{22,64}$/, { message: 'enrollmentId is not an enrollment id' })
  enrollmentId!: string;

  /** The 6-digit code the authenticator app shows now. */
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}
