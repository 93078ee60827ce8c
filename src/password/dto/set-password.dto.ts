import { IsString, Length } from 'class-validator';

export class SetPasswordDto {
  /**
   * The new password. The sign-in experience's password policy applies (checked with Logto before anything
   * changes); 256 characters is the longest any Logto policy allows.
   */
  @IsString()
  @Length(1, 256)
  password!: string;
}
