import { Injectable } from '@nestjs/common';
import { signInFactsOf, signInMethods } from '../account/sign-in-methods.js';
import { Clock } from '../common/clock.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { MfaService } from '../mfa/mfa.service.js';
import { StepUpService } from '../verification/step-up.service.js';
import type { MaskedIdentifierDto, SecurityOverviewDto } from './dto/security-overview.dto.js';
import { maskEmail, maskPhone } from './mask.js';
import { sensitiveActions } from './security-actions.js';

/** The security overview: one response a settings page renders from, read from Logto in parallel. */
@Injectable()
export class SecurityService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly mfa: MfaService,
    private readonly stepUp: StepUpService,
    private readonly clock: Clock,
  ) {}

  async overview(userId: string): Promise<SecurityOverviewDto> {
    const [user, mfa, sessions] = await Promise.all([
      this.logto.getUser(userId),
      this.mfa.overview(userId),
      this.logto.listSessions(userId),
    ]);
    const signIn = signInFactsOf(user);
    const stepUpMethods = this.stepUp.availableMethods(user);
    const realFactors = mfa.factors.filter((factor) => factor.type !== 'backup_code');
    const now = this.clock.now();

    return {
      hasPassword: signIn.hasPassword,
      primaryEmail: masked(user.primaryEmail, maskEmail),
      primaryPhone: masked(user.primaryPhone, maskPhone),
      signInMethods: signInMethods(signIn),
      linkedIdentities: { social: signIn.socialTargets.length, sso: signIn.ssoConnectorIds.length },
      mfa: { enabled: realFactors.length > 0, factors: mfa.factors, backupCodes: mfa.backupCodes },
      sessions: { active: sessions.filter((session) => session.expiresAt > now).length },
      stepUpMethods,
      actions: sensitiveActions({
        signIn,
        stepUpMethods,
        hasTotp: mfa.factors.some((factor) => factor.type === 'totp'),
        realFactorCount: realFactors.length,
        factorCount: mfa.factors.length,
      }),
    };
  }
}

function masked(value: string | null, mask: (value: string) => string): MaskedIdentifierDto {
  return value ? { present: true, masked: mask(value) } : { present: false };
}
