import { Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { GrantIdParams } from './dto/sessions-request.dto.js';
import { GrantListDto } from './dto/sessions-response.dto.js';
import { GrantsService } from './grants.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/grants', 'Authorized apps')
export class GrantsController {
  constructor(private readonly grants: GrantsService) {}

  @Get()
  @ApiOperation({ summary: 'List the applications you have granted access to' })
  listMyGrants(@CurrentUser() identity: VerifiedIdentity): Promise<GrantListDto> {
    return this.grants.list(identity.userId);
  }

  @Delete(':grantId')
  @HttpCode(204)
  @ApiOperation({
    summary: "Revoke an application's access",
    description:
      'Revokes the grant: its refresh tokens stop working and the application must ask again. Access tokens ' +
      'already issued stay valid until they expire. An id that is not one of your grants answers 404.',
  })
  @ApiProblems('request.validation_failed', 'grant.not_found')
  revokeMyGrant(@CurrentUser() identity: VerifiedIdentity, @Param() params: GrantIdParams): Promise<void> {
    return this.grants.revoke(identity.userId, params.grantId);
  }
}
