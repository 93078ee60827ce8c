import { Module } from '@nestjs/common';
import { CustomDataPolicy } from './custom-data.policy.js';
import { ProfileController } from './profile.controller.js';
import { ProfileService } from './profile.service.js';

/** GET/PATCH /me, /me/profile and /me/custom-data. */
@Module({
  controllers: [ProfileController],
  providers: [ProfileService, CustomDataPolicy],
  exports: [ProfileService, CustomDataPolicy],
})
export class ProfileModule {}
