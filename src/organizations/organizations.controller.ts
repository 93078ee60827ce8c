import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { OrganizationListDto } from './dto/organizations-response.dto.js';
import { OrganizationsService } from './organizations.service.js';
import { IdempotentMutations } from '../idempotency/idempotent-mutations.decorator.js';

@ApiTags('Organizations')
@ApiBearerAuth('bearer')
@Controller('me/organizations')
@IdempotentMutations()
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
