import { Module } from '@nestjs/common';

/** Account deletion with an optional grace period, and the sweeper (/me, /me/deletion). */
@Module({})
export class DeletionModule {}
