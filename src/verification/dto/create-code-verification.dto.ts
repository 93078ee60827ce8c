import { IsIn } from 'class-validator';

export class CreateCodeVerificationDto {
  /** Where the code goes: the account's current primary email or primary phone. */
  @IsIn(['email', 'phone'])
  channel!: 'email' | 'phone';
}
