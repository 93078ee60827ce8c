import { Module } from '@nestjs/common';

/** Sign-in sessions and authorized applications (/me/sessions, /me/grants). */
@Module({})
export class SessionsModule {}
