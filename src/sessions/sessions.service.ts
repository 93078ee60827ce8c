import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { StepUpService } from '../verification/step-up.service.js';
import { toSessionDto, type SessionListDto } from './dto/sessions-response.dto.js';

/**
 * The user's OIDC sign-in sessions in Logto. Logto's access and ID tokens carry no session id, so nothing
 * here can tell which session the caller is using; no session is marked "current" and revoking one may sign
 * the caller out.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditService,
  ) {}

  async list(userId: string): Promise<SessionListDto> {
    // Logto's sessions carry client ids only; the user's grants carry the application names.
    const [sessions, grants] = await Promise.all([this.logto.listSessions(userId), this.logto.listGrants(userId)]);
    const names = new Map<string, string>();
    for (const grant of grants) {
      if (grant.application) names.set(grant.application.id, grant.application.name);
    }
    return { items: sessions.map((session) => toSessionDto(session, names)) };
  }

  async revoke(userId: string, sessionId: string): Promise<void> {
    // revokeGrantsTarget=all: a plain DELETE leaves the session's grants (and their refresh tokens) alive
    // (08-grants-list-after-delete). Logto answers another user's session with 404 before deleting anything
    // (08-session-delete-other-user); the gateway turns both of its 404s into session.not_found.
    await this.logto.deleteSession(userId, sessionId, true);
    await this.audit.record('session.revoked', userId, { sessionId });
  }

  async revokeAll(userId: string, verificationId: string | undefined): Promise<void> {
    await this.stepUp.require(userId, verificationId);
    const sessions = await this.logto.listSessions(userId);
    let revoked = 0;
    try {
      for (const session of sessions) {
        try {
          await this.logto.deleteSession(userId, session.payload.uid, true);
          revoked += 1;
        } catch (error) {
          // Ended meanwhile (expired, or signed out elsewhere): that is the outcome we want.
          if (!(error instanceof DomainError && error.code === 'session.not_found')) throw error;
        }
      }
    } finally {
      // Signing out everywhere is what a user does after losing a device: the verification records obtained
      // before go too, also when Logto failed half-way (the user verifies again to retry).
      await this.stepUp.revokeAll(userId);
    }
    await this.audit.record('sessions.revoked_all', userId, { count: revoked });
  }
}
