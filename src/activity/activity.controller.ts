import { Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { ActivityService } from './activity.service.js';
import { ActivityQueryDto } from './dto/activity-query.dto.js';
import { ActivityPageDto } from './dto/activity.dto.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/activity', 'Activity')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  /**
   * My account's activity, newest first: sign-ins, sign-ups and password resets from Logto's logs, and the
   * changes made through this service (email, phone, password, username, MFA, linked identities, revoked
   * sessions and applications, deletion scheduled or cancelled; the newest 100 of those are kept). Failed
   * sign-ins are usually not shown: Logto logs them without the user's id.
   */
  @Get()
  @ApiOperation({ summary: 'List my account activity' })
  @ApiOkResponse({ type: ActivityPageDto })
  @ApiProblems('request.validation_failed', 'auth.token_missing', 'auth.token_invalid', 'auth.insufficient_scope', 'account.not_found', 'upstream.unavailable', 'upstream.unreachable', 'upstream.timeout')
  listMyActivity(@CurrentUser() user: VerifiedIdentity, @Query() query: ActivityQueryDto): Promise<ActivityPageDto> {
    return this.activity.list(user.userId, query);
  }
}
