import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { StrongETag } from '../common/http/etag.hook.js';
import { IfMatch } from '../common/http/if-match.decorator.js';
import { MergePatchBody } from '../common/http/json-body.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { RequiresStepUp, VerificationId } from '../verification/step-up.decorators.js';
import { AccountDto } from './dto/account.dto.js';
import { UpdateAccountDto } from './dto/update-account.dto.js';
import { UpdateProfileDto } from './dto/update-profile.dto.js';
import { ProfileService } from './profile.service.js';
import { IdempotentMutations } from '../idempotency/idempotent-mutations.decorator.js';

const IF_MATCH = ApiHeader({
  name: 'If-Match',
  required: false,
  description: 'The ETag of the representation you changed; if it no longer matches, the change is refused with 412.',
});

@ApiTags('Account')
@ApiBearerAuth('bearer')
@ApiExtraModels(AccountDto)
@Controller('me')
@IdempotentMutations()
export class ProfileController {
  constructor(private readonly profile: ProfileService) {}

  /** The signed-in user's account, from one Logto call. Strong ETag; If-None-Match gives 304. */
  @Get()
  @StrongETag()
  @ApiOperation({ summary: 'Read my account' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'A previous ETag: 304 when unchanged.' })
  @ApiOkResponse({ type: AccountDto, headers: { ETag: { description: 'Strong entity tag', schema: { type: 'string' } } } })
  getMyAccount(@CurrentUser() user: VerifiedIdentity): Promise<AccountDto> {
    return this.profile.getAccount(user.userId);
  }

  /**
   * Change the display name, avatar or username (merge patch: absent fields are unchanged). Changing the
   * username, a sign-in identifier, needs a `Verification-Id`.
   */
  @Patch()
  @StrongETag()
  @ApiOperation({ summary: 'Update my name, avatar or username' })
  @MergePatchBody()
  @IF_MATCH
  @RequiresStepUp()
  @ApiOkResponse({ type: AccountDto })
  @ApiProblems('request.validation_failed', 'username.already_in_use', 'username.invalid', 'precondition_failed')
  updateMyAccount(
    @CurrentUser() user: VerifiedIdentity,
    @Body() patch: UpdateAccountDto,
    @IfMatch() ifMatch?: string,
    @VerificationId() verificationId?: string,
  ): Promise<AccountDto> {
    return this.profile.updateAccount(user.userId, patch, { ifMatch, verificationId });
  }

  /** Change OIDC profile claims (merge patch: absent = unchanged, `null` = removed). */
  @Patch('profile')
  @StrongETag()
  @ApiOperation({ summary: 'Update my profile claims' })
  @MergePatchBody()
  @IF_MATCH
  @ApiOkResponse({ type: AccountDto })
  @ApiProblems('request.validation_failed', 'precondition_failed')
  updateMyProfile(@CurrentUser() user: VerifiedIdentity, @Body() patch: UpdateProfileDto, @IfMatch() ifMatch?: string): Promise<AccountDto> {
    return this.profile.updateProfile(user.userId, patch, { ifMatch });
  }

  /** The custom data fields the operator made visible to users (CUSTOM_DATA_SCHEMA). */
  @Get('custom-data')
  @StrongETag()
  @ApiOperation({ summary: 'Read my custom data' })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true, example: { theme: 'dark', newsletter: true } } })
  getMyCustomData(@CurrentUser() user: VerifiedIdentity): Promise<Record<string, unknown>> {
    return this.profile.getCustomData(user.userId);
  }

  /**
   * The user-visible part of CUSTOM_DATA_SCHEMA, to build a custom-data form from: the declared top-level
   * properties, read-only ones with `readOnly: true`, and the definitions they refer to; no keyword that could
   * name a key kept from users. Without CUSTOM_DATA_SCHEMA, an object with no properties.
   */
  @Get('custom-data/schema')
  @StrongETag()
  @ApiOperation({ summary: 'Read the schema of my custom data' })
  @ApiOkResponse({
    description: 'A JSON Schema (the dialect of CUSTOM_DATA_SCHEMA, named by `$schema`).',
    schema: {
      type: 'object',
      additionalProperties: true,
      example: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          theme: { enum: ['light', 'dark', 'system'], readOnly: false },
          plan: { type: 'string', readOnly: true },
        },
        additionalProperties: false,
      },
    },
  })
  getMyCustomDataSchema(): Record<string, unknown> {
    return this.profile.customDataSchema();
  }

  /**
   * RFC 7396 merge patch of the user-visible custom data: objects merge, `null` removes. Only declared,
   * writable fields; the result must match the schema. Limits: 32 KiB, depth 8, no prototype keys.
   */
  @Patch('custom-data')
  @StrongETag()
  @ApiOperation({ summary: 'Update my custom data' })
  // The policy refuses prototype keys itself, as custom_data.forbidden_key.
  @MergePatchBody({ prototypeKeysCheckedByHandler: true })
  @IF_MATCH
  @ApiBody({ schema: { type: 'object', additionalProperties: true, example: { theme: 'light', preferences: { digest: null } } } })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiProblems(
    'custom_data.invalid',
    'custom_data.read_only_field',
    'custom_data.too_large',
    'custom_data.too_deep',
    'custom_data.forbidden_key',
    'precondition_failed',
  )
  updateMyCustomData(@CurrentUser() user: VerifiedIdentity, @Body() patch: unknown, @IfMatch() ifMatch?: string): Promise<Record<string, unknown>> {
    return this.profile.patchCustomData(user.userId, patch, { ifMatch });
  }
}
