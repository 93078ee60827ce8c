import { Module } from '@nestjs/common';
import { GrantsController } from './grants.controller.js';
import { GrantsService } from './grants.service.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

/** Sign-in sessions and authorized applications (/me/sessions, /me/grants). */
@Module({
  controllers: [SessionsController, GrantsController],
  providers: [SessionsService, GrantsService],
})
export class SessionsModule {}
