import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SendPhoneCodeDto {
  /** The new number in E.164 (spaces, dashes and parentheses are ignored); the code goes there by SMS. */
  @ApiProperty({ example: '+15550100001' })
  @IsString()
  @MaxLength(32)
  phone!: string;
}
