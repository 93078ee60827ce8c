import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { OrganizationListDto } from './dto/organizations-response.dto.js';
import { OrganizationsService } from './organizations.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/organizations', 'Organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: 'List your organizations and your roles in them',
    description: 'Read-only: organization membership and roles are managed by the tenant administrators.',
  })
  listMyOrganizations(@CurrentUser() identity: VerifiedIdentity): Promise<OrganizationListDto> {
    return this.organizations.list(identity.userId);
  }
}
