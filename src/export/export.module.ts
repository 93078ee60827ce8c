import { Module } from '@nestjs/common';
import { ActivityModule } from '../activity/activity.module.js';
import { ProfileModule } from '../profile/profile.module.js';
import { ExportController } from './export.controller.js';
import { ExportService } from './export.service.js';

/** The user's data export (/me/export). */
@Module({
  imports: [ProfileModule, ActivityModule],
  controllers: [ExportController],
  providers: [ExportService],
})
export class ExportModule {}
