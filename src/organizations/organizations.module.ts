import { Module } from '@nestjs/common';

/** The organizations the user belongs to (/me/organizations). */
@Module({})
export class OrganizationsModule {}
