import { Module } from '@nestjs/common';

/** The user's data export (/me/export). */
@Module({})
export class ExportModule {}
