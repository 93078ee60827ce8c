import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AuditModule } from './audit/audit.module.js';
import { AccountModule } from './account/account.module.js';
import { AuthModule } from './auth/auth.module.js';
import type { AllConfig } from './config/app-config.js';
import { Clock, SystemClock } from './common/clock.js';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter.js';
import { createValidationPipe } from './common/validation.js';
import { HealthModule } from './health/health.module.js';
import { ProfileModule } from './profile/profile.module.js';
import { ContactModule } from './contact/contact.module.js';
import { PasswordModule } from './password/password.module.js';
import { IdentitiesModule } from './identities/identities.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { MfaModule } from './mfa/mfa.module.js';
import { SecurityModule } from './security/security.module.js';
import { DeletionModule } from './deletion/deletion.module.js';
import { ExportModule } from './export/export.module.js';
import { ActivityModule } from './activity/activity.module.js';
import { LogtoModule } from './logto/logto.module.js';
import { StoreModule } from './store/store.module.js';
import { ReferenceDataModule } from './reference-data/reference-data.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { VerificationModule } from './verification/verification.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

export interface AppModuleOptions {
  /** Replaces the system clock (tests, demo). */
  clock?: Clock;
  /** Extra modules, e.g. test-only routes. */
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class AppModule {
  static forRoot(config: AllConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        ClockModule.forRoot(options.clock ?? new SystemClock()),
        StoreModule,
        LogtoModule,
        ReferenceDataModule,
        AuthModule,
        AccountModule,
        AuditModule,
        RateLimitModule,
        VerificationModule,
        HealthModule,
        // Account domains
        ProfileModule,
        ContactModule,
        PasswordModule,
        IdentitiesModule,
        SessionsModule,
        OrganizationsModule,
        MfaModule,
        SecurityModule,
        DeletionModule,
        ExportModule,
        ActivityModule,
        WebhooksModule,
        ...(options.imports ?? []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}

@Module({})
class ClockModule {
  static forRoot(clock: Clock): DynamicModule {
    return { module: ClockModule, global: true, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
