import { Module } from '@nestjs/common';
import { ActivityController } from './activity.controller.js';
import { ActivityRecorder } from './activity-recorder.js';
import { ActivityService } from './activity.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';

/** The user's activity feed from Logto's logs and this service's audit records (/me/activity). */
@Module({
  imports: [AccountModule, AuditModule],
  controllers: [ActivityController],
  providers: [ActivityService, ActivityRecorder],
  exports: [ActivityService],
})
export class ActivityModule {}
