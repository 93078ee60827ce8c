import { Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { RequiresStepUp, VerificationId } from '../verification/step-up.decorators.js';
import { SessionIdParams } from './dto/sessions-request.dto.js';
import { SessionListDto } from './dto/sessions-response.dto.js';
import { SessionsService } from './sessions.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

const NO_CURRENT_SESSION =
  "Logto's access and ID tokens carry no session id, so this service cannot tell which session the caller is " +
  'using: no session is marked as the current one, and revoking one may sign the caller out.';

@AccountController('me/sessions', 'Sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @ApiOperation({ summary: 'List sign-in sessions', description: NO_CURRENT_SESSION })
  listMySessions(@CurrentUser() identity: VerifiedIdentity): Promise<SessionListDto> {
    return this.sessions.list(identity.userId);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out everywhere',
    description:
      'Ends every sign-in session and revokes the grants authorized in them, so their refresh tokens stop ' +
      'working. Access tokens already issued stay valid until they expire. Needs a recent step-up verification. ' +
      'Grants not tied to a live session stay in GET /me/grants and can be revoked there.',
  })
  @RequiresStepUp()
  revokeAllMySessions(@CurrentUser() identity: VerifiedIdentity, @VerificationId() verificationId: string | undefined): Promise<void> {
    return this.sessions.revokeAll(identity.userId, verificationId);
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out one session',
    description:
      'Ends the session and revokes the grants authorized in it, so their refresh tokens stop working. ' +
      'An id that is not one of your sessions answers 404. ' +
      NO_CURRENT_SESSION,
  })
  @ApiProblems('request.validation_failed', 'session.not_found')
  revokeMySession(@CurrentUser() identity: VerifiedIdentity, @Param() params: SessionIdParams): Promise<void> {
    return this.sessions.revoke(identity.userId, params.sessionId);
  }
}
