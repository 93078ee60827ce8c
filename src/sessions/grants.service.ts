import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { toGrantDto, type GrantListDto } from './dto/sessions-response.dto.js';

/** The applications the user has granted access to (OIDC grants in Logto). */
@Injectable()
export class GrantsService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string): Promise<GrantListDto> {
    return { items: (await this.logto.listGrants(userId)).map(toGrantDto) };
  }

  async revoke(userId: string, grantId: string): Promise<void> {
    // The recordings show Logto's 404 oidc.invalid_grant for unknown ids only, not for another user's grant, so
    // ownership is checked here first: a grant id that is not in the user's own list is never sent to DELETE.
    const owned = (await this.logto.listGrants(userId)).some((grant) => grant.id === grantId);
    if (!owned) throw new DomainError('grant.not_found', 'No authorized application of this account has this grant id.');
    // Revoking also removes the grant from the sessions that authorized it (08-sessions-list-after-deletes).
    await this.logto.deleteGrant(userId, grantId);
    await this.audit.record('grant.revoked', userId, { grantId });
  }
}
