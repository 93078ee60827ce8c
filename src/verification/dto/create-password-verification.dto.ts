import { IsString, Length } from 'class-validator';

export class CreatePasswordVerificationDto {
  /** The account's current password. Never logged or echoed. */
  @IsString()
  @Length(1, 256)
  password!: string;
}
