import { Injectable } from '@nestjs/common';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { toOrganizationDto, type OrganizationListDto } from './dto/organizations-response.dto.js';

/** Read-only: membership and roles are managed by the tenant's administrators, not by the member. */
@Injectable()
export class OrganizationsService {
  constructor(private readonly logto: LogtoManagementGateway) {}

  async list(userId: string): Promise<OrganizationListDto> {
    return { items: (await this.logto.listOrganizations(userId)).map(toOrganizationDto) };
  }
}
