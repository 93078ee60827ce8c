import { Delete, Get, HttpCode, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { RequiresStepUp, VerificationId } from '../verification/step-up.decorators.js';
import { DeletionService } from './deletion.service.js';
import { DeletionStatusDto } from './dto/deletion-status.dto.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

const AUTH_PROBLEMS = ['auth.token_missing', 'auth.token_invalid', 'auth.insufficient_scope', 'account.not_found'] as const;
const UPSTREAM_PROBLEMS = ['upstream.unavailable', 'upstream.unreachable', 'upstream.timeout'] as const;

@AccountController('me', 'Account deletion')
export class DeletionController {
  constructor(private readonly deletion: DeletionService) {}

  /**
   * Delete my account. Without a grace period (DELETION_GRACE_PERIOD_DAYS=0) the account is deleted at once:
   * 204. With one, the deletion is scheduled and the account keeps working until then: 202 with the schedule
   * (asking again returns the same schedule). Needs a `Verification-Id`.
   */
  @Delete()
  @ApiOperation({ summary: 'Delete my account' })
  @RequiresStepUp()
  @ApiNoContentResponse({ description: 'The account was deleted.' })
  @ApiAcceptedResponse({ type: DeletionStatusDto, description: 'The deletion is scheduled.' })
  @ApiProblems('account.busy', ...AUTH_PROBLEMS, ...UPSTREAM_PROBLEMS)
  async deleteMyAccount(
    @CurrentUser() user: VerifiedIdentity,
    @Res({ passthrough: true }) reply: FastifyReply,
    @VerificationId() verificationId?: string,
  ): Promise<DeletionStatusDto | undefined> {
    const scheduled = await this.deletion.requestDeletion(user.userId, verificationId);
    // The one status the service cannot express in a decorator: it depends on the grace period.
    reply.status(scheduled ? 202 : 204);
    return scheduled;
  }

  /** Whether my account is scheduled for deletion, and when. */
  @Get('deletion')
  @ApiOperation({ summary: 'Read my scheduled account deletion' })
  @ApiOkResponse({ type: DeletionStatusDto })
  @ApiProblems(...AUTH_PROBLEMS, ...UPSTREAM_PROBLEMS)
  getMyAccountDeletion(@CurrentUser() user: VerifiedIdentity): Promise<DeletionStatusDto> {
    return this.deletion.status(user.userId);
  }

  /** Cancel the scheduled deletion of my account. 404 when none is scheduled. */
  @Delete('deletion')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel my scheduled account deletion' })
  @ApiNoContentResponse({ description: 'The deletion is cancelled.' })
  @ApiProblems('deletion.not_scheduled', 'account.busy', ...AUTH_PROBLEMS, ...UPSTREAM_PROBLEMS)
  cancelMyAccountDeletion(@CurrentUser() user: VerifiedIdentity): Promise<void> {
    return this.deletion.cancel(user.userId);
  }
}
