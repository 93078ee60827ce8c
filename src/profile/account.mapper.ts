import type { LogtoUser, LogtoUserProfile } from '../logto/logto.types.js';
import type { AccountDto, ProfileDto } from './dto/account.dto.js';

const PROFILE_KEYS = [
  'givenName', 'familyName', 'middleName', 'nickname', 'preferredUsername', 'profile', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale',
] as const;
const ADDRESS_KEYS = ['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'] as const;

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** Only the claims we document, in a fixed order (the ETag hashes this exact shape). */
export function mapProfile(profile: LogtoUserProfile | undefined): ProfileDto {
  const out: ProfileDto = {};
  for (const key of PROFILE_KEYS) {
    const value = profile?.[key];
    if (typeof value === 'string') out[key] = value;
  }
  if (profile?.address && typeof profile.address === 'object') {
    const address: NonNullable<ProfileDto['address']> = {};
    for (const key of ADDRESS_KEYS) {
      const value = profile.address[key];
      if (typeof value === 'string') address[key] = value;
    }
    out.address = address;
  }
  return out;
}

export function mapAccount(user: LogtoUser, visibleCustomData: Record<string, unknown>): AccountDto {
  return {
    id: user.id,
    username: user.username,
    primaryEmail: user.primaryEmail,
    primaryPhone: user.primaryPhone,
    name: user.name,
    avatar: user.avatar,
    profile: mapProfile(user.profile),
    customData: visibleCustomData,
    identities: {
      social: Object.keys(user.identities ?? {}).sort(),
      sso: [...new Set((user.ssoIdentities ?? []).map((identity) => identity.ssoConnectorId))].sort(),
    },
    hasPassword: user.hasPassword === true,
    createdAt: iso(user.createdAt),
    updatedAt: iso(user.updatedAt),
    lastSignInAt: user.lastSignInAt === null ? null : iso(user.lastSignInAt),
  };
}

export { ADDRESS_KEYS, PROFILE_KEYS };
