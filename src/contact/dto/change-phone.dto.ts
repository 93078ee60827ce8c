import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class ChangePhoneDto {
  /** The new number in E.164, the same one the code was sent to. */
  @ApiProperty({ example: '+15550100001' })
  @IsString()
  @MaxLength(32)
  phone!: string;

  /** The code sent to the new number by POST /me/phone/verification-code. */
  @ApiProperty({ example: '123456' })
  @IsString()
  @Length(1, 32)
  code!: string;
}
