import { Module } from '@nestjs/common';

/** Email and phone: verification codes to a new address, change and removal (/me/email, /me/phone). */
@Module({})
export class ContactModule {}
