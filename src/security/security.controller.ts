import { Get } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { SecurityOverviewDto } from './dto/security-overview.dto.js';
import { SecurityService } from './security.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/security', 'Security')
export class SecurityController {
  constructor(private readonly security: SecurityService) {}

  @Get()
  @ApiOperation({
    summary: 'My security overview',
    description:
      'Password, masked email and phone, sign-in methods, linked identity counts, MFA factors and backup codes, active ' +
      'sessions, the step-up methods usable now, and for each sensitive action whether it needs `Verification-Id` and ' +
      'whether it can succeed now (with the reason when not).',
  })
  getMySecurityOverview(@CurrentUser() identity: VerifiedIdentity): Promise<SecurityOverviewDto> {
    return this.security.overview(identity.userId);
  }
}
