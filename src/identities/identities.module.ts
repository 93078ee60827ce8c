import { Module } from '@nestjs/common';

/** Linked social and enterprise (SSO) identities (/me/identities). */
@Module({})
export class IdentitiesModule {}
