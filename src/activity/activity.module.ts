import { Module } from '@nestjs/common';
import { DeletionModule } from '../deletion/deletion.module.js';
import { ActivityController } from './activity.controller.js';
import { ActivityRecorder } from './activity-recorder.js';
import { ActivityService } from './activity.service.js';

/** The user's activity feed from Logto's logs and this service's audit records (/me/activity). */
@Module({
  imports: [DeletionModule],
  controllers: [ActivityController],
  providers: [ActivityService, ActivityRecorder],
  exports: [ActivityService],
})
export class ActivityModule {}
