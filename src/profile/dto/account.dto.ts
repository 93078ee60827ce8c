import { ApiProperty } from '@nestjs/swagger';

export class AddressDto {
  formatted?: string;
  streetAddress?: string;
  locality?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** OIDC standard claims Logto stores in the user's profile. */
export class ProfileDto {
  @ApiProperty({ example: 'Ada' })
  givenName?: string;
  @ApiProperty({ example: 'Lovelace' })
  familyName?: string;
  middleName?: string;
  nickname?: string;
  preferredUsername?: string;
  /** URL of the user's profile page. */
  profile?: string;
  /** URL of the user's web site. */
  website?: string;
  gender?: string;
  /** `YYYY-MM-DD`. */
  @ApiProperty({ example: '1990-12-10' })
  birthdate?: string;
  /** IANA time zone. */
  @ApiProperty({ example: 'Europe/London' })
  zoneinfo?: string;
  /** BCP 47 language tag. */
  @ApiProperty({ example: 'en-GB' })
  locale?: string;
  address?: AddressDto;
}

export class IdentitySummaryDto {
  /** Targets of linked social identities (e.g. `github`). */
  @ApiProperty({ example: ['github'] })
  social!: string[];
  /** Ids of the enterprise SSO connectors the user has signed in with. */
  sso!: string[];
}

/** The account as its owner sees it. */
export class AccountDto {
  @ApiProperty({ example: 'u1a2b3c4d5e6' })
  id!: string;
  @ApiProperty({ example: 'ada_l', nullable: true, type: String })
  username!: string | null;
  @ApiProperty({ example: 'ada@example.com', nullable: true, type: String })
  primaryEmail!: string | null;
  /** Digits only, as Logto stores it (E.164 without the plus). */
  @ApiProperty({ example: '15550100001', nullable: true, type: String })
  primaryPhone!: string | null;
  @ApiProperty({ example: 'Ada Lovelace', nullable: true, type: String })
  name!: string | null;
  @ApiProperty({ example: 'https://images.example.com/ada.png', nullable: true, type: String })
  avatar!: string | null;
  profile!: ProfileDto;
  /** The user-visible part of custom data, as declared by the operator's schema. */
  @ApiProperty({ example: { theme: 'dark' }, type: 'object', additionalProperties: true })
  customData!: Record<string, unknown>;
  identities!: IdentitySummaryDto;
  hasPassword!: boolean;
  /** ISO 8601. */
  @ApiProperty({ example: '2026-01-31T10:00:00.000Z' })
  createdAt!: string;
  /** ISO 8601. */
  @ApiProperty({ example: '2026-11-20T08:30:00.000Z' })
  updatedAt!: string;
  /** ISO 8601; null if the user never signed in. */
  @ApiProperty({ example: '2026-11-21T07:00:00.000Z', nullable: true, type: String })
  lastSignInAt!: string | null;
}
