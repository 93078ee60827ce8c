import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { RequiresStepUp, VerificationId } from '../verification/step-up.decorators.js';
import {
  LinkSocialIdentityRequestDto,
  SocialAuthorizationUriRequestDto,
  SocialIdentityTargetParams,
} from './dto/identities-request.dto.js';
import { IdentitiesDto, SocialAuthorizationUriDto, SocialIdentityDto } from './dto/identities-response.dto.js';
import { IdentitiesService } from './identities.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/identities', 'Identities')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  @Get()
  @ApiOperation({
    summary: 'List linked social and enterprise SSO identities',
    description:
      'Only the provider key, the provider-side user id and the name, email and avatar the provider reported; ' +
      'never provider tokens or raw profiles. Enterprise SSO identities are read-only here: Logto links them at ' +
      'SSO sign-in and its Management API cannot link or unlink them.',
  })
  listMyIdentities(@CurrentUser() identity: VerifiedIdentity): Promise<IdentitiesDto> {
    return this.identities.list(identity.userId);
  }

  @Post('social/authorization-uri')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start linking a social identity',
    description:
      "Returns the provider's authorization URI for the connector. `redirectUri` must be one of the operator's " +
      '`SOCIAL_REDIRECT_URIS`, exactly. The client generates `state` and keeps it; the service keeps it too, for ' +
      'this account, for 10 minutes: POST /me/identities/social needs it back in `connectorData.state` and uses it ' +
      'up. One flow per account: starting another one replaces the previous one.',
  })
  @ApiProblems('request.validation_failed', 'identity.redirect_uri_not_allowed', 'connector.not_found')
  createMySocialAuthorizationUri(@CurrentUser() identity: VerifiedIdentity, @Body() body: SocialAuthorizationUriRequestDto): Promise<SocialAuthorizationUriDto> {
    return this.identities.createAuthorizationUri(identity.userId, body);
  }

  @Post('social')
  @ApiOperation({
    summary: 'Link a social identity',
    description:
      'Send what the provider returned to the redirect URI as `connectorData`, including its `state` (the one this ' +
      'account was issued at authorization-uri, within 10 minutes, once) and the `redirectUri` the flow started ' +
      'with. Needs a recent step-up verification. An identity already linked under the same provider key is ' +
      'replaced. Enterprise SSO identities cannot be linked here.',
  })
  @RequiresStepUp()
  @ApiProblems(
    'request.validation_failed',
    'connector.not_found',
    'identity.redirect_uri_not_allowed',
    'identity.state_invalid',
    'identity.already_in_use',
    'identity.verification_failed',
  )
  linkMySocialIdentity(
    @CurrentUser() identity: VerifiedIdentity,
    @Body() body: LinkSocialIdentityRequestDto,
    @VerificationId() verificationId: string | undefined,
  ): Promise<SocialIdentityDto> {
    return this.identities.linkSocial(identity.userId, body, verificationId);
  }

  @Delete('social/:target')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Unlink a social identity',
    description:
      'Needs a recent step-up verification. Refused with 409 `account.last_sign_in_method` (checked before the ' +
      'verification) when the account would be left with no way to sign in: no password with an identifier, no ' +
      'email, no phone, no other social or SSO identity. Enterprise SSO identities cannot be unlinked here.',
  })
  @RequiresStepUp()
  @ApiProblems('request.validation_failed', 'identity.not_found', 'account.last_sign_in_method')
  unlinkMySocialIdentity(
    @CurrentUser() identity: VerifiedIdentity,
    @Param() params: SocialIdentityTargetParams,
    @VerificationId() verificationId: string | undefined,
  ): Promise<void> {
    return this.identities.unlinkSocial(identity.userId, params.target, verificationId);
  }
}
