import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class ChangeEmailDto {
  /** The new address, the same one the code was sent to. */
  @ApiProperty({ example: 'ada@example.com', format: 'email' })
  @IsString()
  @MaxLength(320)
  email!: string;

  /** The code sent to the new address by POST /me/email/verification-code. */
  @ApiProperty({ example: '123456' })
  @IsString()
  @Length(1, 32)
  code!: string;
}
