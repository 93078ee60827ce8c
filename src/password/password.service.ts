import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { passwordIssues } from '../common/errors/problem-extensions.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { StepUpService } from '../verification/step-up.service.js';
import { mapPasswordStatus, type PasswordStatusDto } from './dto/password-status.dto.js';

@Injectable()
export class PasswordService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditService,
  ) {}

  async status(userId: string): Promise<PasswordStatusDto> {
    return mapPasswordStatus(await this.logto.hasPassword(userId));
  }

  /**
   * Sets or replaces the password. Logto's Management API does not apply the sign-in experience's password
   * policy on PATCH /users/{id}/password (04-password-patch-weak-under-policy accepts "abc"), so the policy is
   * checked first with POST /sign-in-exp/default/check-password, with the user id so the user-info rule applies.
   * The policy comes before the step-up check: nobody should verify for a password that will be refused.
   * Any verified method will do, so a user without a password sets one after an email or phone code.
   */
  async set(userId: string, password: string, verificationId: string | undefined): Promise<void> {
    const check = await this.logto.checkPasswordPolicy(password, userId);
    if (!check.result) {
      throw new DomainError('password.rejected', 'The password does not meet the password policy.', {
        extensions: { issues: passwordIssues(check.issues) },
      });
    }
    await this.stepUp.require(userId, verificationId);
    await this.logto.setPassword(userId, password);
    // After a password change (say, by a user taking a stolen account back) no record obtained before it,
    // by whoever knew the old password, may authorize anything more.
    await this.stepUp.revokeAll(userId);
    await this.audit.record('password.changed', userId);
  }
}

