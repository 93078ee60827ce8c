import { IsString, Matches, MaxLength } from 'class-validator';

export class CreateReauthenticationVerificationDto {
  /**
   * The ID token Logto issued to one of the apps in REAUTH_CLIENT_IDS after a fresh sign-in (authorization request
   * with `max_age` or `prompt=login`). Used once; never logged or echoed.
   */
  @IsString()
  @MaxLength(8192)
  @Matches(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, { message: 'idToken must be a compact JWT' })
  idToken!: string;
}
