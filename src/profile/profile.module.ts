import { Module } from '@nestjs/common';

/** GET/PATCH /me, /me/profile and /me/custom-data. */
@Module({})
export class ProfileModule {}
