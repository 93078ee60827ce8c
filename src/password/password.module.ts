import { Module } from '@nestjs/common';
import { PasswordController } from './password.controller.js';
import { PasswordService } from './password.service.js';

/** GET/PUT /me/password with the sign-in experience's password policy. */
@Module({
  controllers: [PasswordController],
  providers: [PasswordService],
})
export class PasswordModule {}
