import { IsString, IsUrl, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Merge-patch of the account: an absent field is unchanged, `null` clears it (where allowed). */
export class UpdateAccountDto {
  /** Display name; `null` clears it. */
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsString()
  @MaxLength(128)
  name?: string | null;

  /** An https URL of the avatar image; `null` clears it. */
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  avatar?: string | null;

  /**
   * New username (Logto's rule: letters, digits and underscores, not starting with a digit). A sign-in
   * identifier: changing it needs a `Verification-Id`.
   */
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(/^[A-Z_a-z]\w*$/, { message: 'username may contain letters, digits and underscores, and must not start with a digit' })
  username?: string;
}
