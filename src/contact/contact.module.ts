import { Module } from '@nestjs/common';
import { ProfileModule } from '../profile/profile.module.js';
import { EmailController, PhoneController } from './contact.controller.js';
import { ContactService } from './contact.service.js';
import { AccountModule } from '../account/account.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { VerificationModule } from '../verification/verification.module.js';

/** Email and phone: verification codes to a new address, change and removal (/me/email, /me/phone). */
@Module({
  // The account returned by a change is the profile's representation (ProfileService.accountOf).
  imports: [ProfileModule, AccountModule, AuditModule, VerificationModule],
  controllers: [EmailController, PhoneController],
  providers: [ContactService],
})
export class ContactModule {}
