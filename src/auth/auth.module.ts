import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessTokenGuard } from './access-token.guard.js';
import { TokenVerifier } from './token-verifier.service.js';

@Global()
@Module({
  providers: [TokenVerifier, { provide: APP_GUARD, useClass: AccessTokenGuard }],
  exports: [TokenVerifier],
})
export class AuthModule {}
