import { ApiPropertyOptional } from '@nestjs/swagger';
import type { LogtoSocialIdentity, LogtoSsoIdentity } from '../../logto/logto.types.js';

export class SocialIdentityDto {
  /** The provider key the identity is linked under, e.g. `github`; the path parameter of DELETE. */
  target!: string;
  /** The social connector serving this target, when the tenant still has one. */
  connectorId?: string;
  /** The user's id at the provider. */
  identityId!: string;
  /** Name reported by the provider. */
  name?: string;
  /** Email reported by the provider (not necessarily verified by it, and not the account's email). */
  email?: string;
  /** Avatar URL reported by the provider: an http or https URL, else left out. */
  avatar?: string;
}

export class SsoIdentityDto {
  ssoConnectorId!: string;
  /** The identity provider's issuer. */
  issuer!: string;
  /** The user's id at the identity provider. */
  identityId!: string;
  /** Email reported by the identity provider. */
  email?: string;
  /** When the identity was first linked (ISO 8601). */
  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-20T09:31:24.000Z' })
  linkedAt?: string;
}

export class IdentitiesDto {
  social!: SocialIdentityDto[];
  /** Enterprise SSO identities: read-only here, Logto's Management API cannot link or unlink them. */
  sso!: SsoIdentityDto[];
}

export class SocialAuthorizationUriDto {
  /** Send the user's browser here; the provider returns to `redirectUri` with the data for POST /me/identities/social. */
  authorizationUri!: string;
}

const stringOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Only an absolute http(s) URL: the provider's profile is not ours to trust, and a client may put an avatar in
 * an `<img src>` or a link, where `javascript:` or `data:` would run or render what the provider chose.
 */
function httpUrlOf(value: unknown): string | undefined {
  const text = stringOf(value);
  if (text === undefined || !URL.canParse(text)) return undefined;
  const { protocol } = new URL(text);
  return protocol === 'https:' || protocol === 'http:' ? text : undefined;
}

/**
 * Logto keeps the connector's whole user info in `details`, including `rawData` (the provider's raw answer,
 * 06-identities-link-success): only name, email and avatar leave this service. Logto records no link time
 * for social identities, so there is no `linkedAt` to give.
 */
export function toSocialIdentityDto(target: string, identity: LogtoSocialIdentity, connectorId?: string): SocialIdentityDto {
  const details = identity.details ?? {};
  const dto: SocialIdentityDto = { target, identityId: identity.userId };
  if (connectorId) dto.connectorId = connectorId;
  const name = stringOf(details.name);
  const email = stringOf(details.email);
  const avatar = httpUrlOf(details.avatar);
  if (name) dto.name = name;
  if (email) dto.email = email;
  if (avatar) dto.avatar = avatar;
  return dto;
}

export function toSsoIdentityDto(identity: LogtoSsoIdentity): SsoIdentityDto {
  const dto: SsoIdentityDto = { ssoConnectorId: identity.ssoConnectorId, issuer: identity.issuer, identityId: identity.identityId };
  const email = stringOf(identity.detail?.email);
  if (email) dto.email = email;
  if (typeof identity.createdAt === 'number') dto.linkedAt = new Date(identity.createdAt).toISOString();
  return dto;
}
