import { Module } from '@nestjs/common';
import { ProfileModule } from '../profile/profile.module.js';
import { EmailController, PhoneController } from './contact.controller.js';
import { ContactService } from './contact.service.js';

/** Email and phone: verification codes to a new address, change and removal (/me/email, /me/phone). */
@Module({
  // The account returned by a change is the profile's representation (ProfileService.accountOf).
  imports: [ProfileModule],
  controllers: [EmailController, PhoneController],
  providers: [ContactService],
})
export class ContactModule {}
