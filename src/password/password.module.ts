import { Module } from '@nestjs/common';

/** GET/PUT /me/password with the sign-in experience's password policy. */
@Module({})
export class PasswordModule {}
