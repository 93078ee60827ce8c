import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class VerifyCodeDto {
  /** The code received by email or SMS. */
  @ApiProperty({ example: '123456' })
  @IsString()
  @Length(1, 32)
  code!: string;
}
