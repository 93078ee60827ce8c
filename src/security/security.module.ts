import { Module } from '@nestjs/common';

/** The security overview a settings page renders from (/me/security). */
@Module({})
export class SecurityModule {}
