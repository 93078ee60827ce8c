import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Length, Matches, MaxLength } from 'class-validator';

/** Logto connector instance ids are 21 × `[a-z0-9]` (standard ids); we accept any URL-safe id up to 128. */
const CONNECTOR_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Connector targets (`github`, `google`, `mock-social`) are short slugs. */
const IDENTITY_TARGET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** OAuth `state` is printable ASCII (RFC 6749 appendix A.5, VSCHAR). */
const OAUTH_STATE = /^[\x20-\x7E]+$/;

export class SocialAuthorizationUriRequestDto {
  /** The social connector to link with (`connectorId` of an entry of GET /me/identities, or known to the app). */
  @ApiProperty({ example: 'k3mf0w3u1qk2o0b2p9xz1' })
  @Matches(CONNECTOR_ID, { message: 'connectorId must be a connector id' })
  connectorId!: string;

  /** Where the provider sends the user back; must be one of the operator's SOCIAL_REDIRECT_URIS, exactly. */
  @ApiProperty({ example: 'https://app.example.com/account/linked' })
  @IsString()
  @MaxLength(2048)
  redirectUri!: string;

  /**
   * An unguessable value the client generates (16–512 printable ASCII characters). The provider echoes it on
   * return; it goes back in `connectorData.state` of POST /me/identities/social, which accepts only the state
   * last issued to this account, once, within 10 minutes.
   */
  @ApiProperty({ example: 'b6f2c1e0a9d84f3cb1e7d2a4c5f60718' })
  @Length(16, 512)
  @Matches(OAUTH_STATE, { message: 'state must be printable ASCII characters' })
  state!: string;
}

export class LinkSocialIdentityRequestDto {
  /** The social connector the authorization was made with. */
  @ApiProperty({ example: 'k3mf0w3u1qk2o0b2p9xz1' })
  @Matches(CONNECTOR_ID, { message: 'connectorId must be a connector id' })
  connectorId!: string;

  /**
   * What the provider returned to the redirect URI, as the connector expects it: the query parameters (`code`,
   * `state`, …) plus `redirectUri`. `state` is required and must be the one issued to this account at
   * authorization-uri; `redirectUri`, when present, must be the one that flow started with. Passed to the
   * connector unchanged and never logged.
   */
  @ApiProperty({
    example: { code: '4/0AX4XfWh…', state: 'b6f2c1e0a9d84f3cb1e7d2a4c5f60718', redirectUri: 'https://app.example.com/account/linked' },
  })
  @IsObject()
  connectorData!: Record<string, unknown>;
}

export class SocialIdentityTargetParams {
  /** The provider key of the linked identity (`target` in GET /me/identities), e.g. `github`. */
  @Matches(IDENTITY_TARGET, { message: 'target must be a connector target such as "github"' })
  target!: string;
}
