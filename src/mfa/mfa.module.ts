import { Module } from '@nestjs/common';

/** MFA factors: TOTP enrollment with proof, backup codes, removal (/me/mfa). */
@Module({})
export class MfaModule {}
