import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SendEmailCodeDto {
  /** The new address; Logto sends the code there. */
  @ApiProperty({ example: 'ada@example.com', format: 'email' })
  @IsString()
  @MaxLength(320)
  email!: string;
}
