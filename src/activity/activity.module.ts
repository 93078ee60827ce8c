import { Module } from '@nestjs/common';

/** The user's activity feed from Logto's logs and this service's audit records (/me/activity). */
@Module({})
export class ActivityModule {}
