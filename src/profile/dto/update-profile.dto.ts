import { Type } from 'class-transformer';
import { IsObject, IsString, IsUrl, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsBirthdate, IsLocale, IsTimeZone } from './validators.js';

const present = (_: object, value: unknown) => value !== undefined && value !== null;

export class UpdateAddressDto {
  @ValidateIf(present) @IsString() @MaxLength(512) formatted?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(256) streetAddress?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(128) locality?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(128) region?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(32) postalCode?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(128) country?: string | null;
}

/** Merge-patch of the OIDC standard claims: an absent field is unchanged, `null` removes it. */
export class UpdateProfileDto {
  @ValidateIf(present) @IsString() @MaxLength(128) givenName?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(128) familyName?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(128) middleName?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(128) nickname?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(128) preferredUsername?: string | null;
  /** URL of the user's profile page. */
  @ValidateIf(present) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2048) profile?: string | null;
  /** URL of the user's web site. */
  @ValidateIf(present) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2048) website?: string | null;
  @ValidateIf(present) @IsString() @MaxLength(64) gender?: string | null;
  /** `YYYY-MM-DD`, a real date, not in the future. */
  @ValidateIf(present) @IsBirthdate() birthdate?: string | null;
  /** IANA time zone, e.g. `Europe/Paris`. */
  @ValidateIf(present) @IsTimeZone() zoneinfo?: string | null;
  /** BCP 47 language tag, e.g. `fr-CA`. */
  @ValidateIf(present) @IsLocale() locale?: string | null;
  /** Merged field by field; `null` removes the whole address. */
  @ValidateIf(present)
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateAddressDto)
  address?: UpdateAddressDto | null;
}
