import { Global, Module } from '@nestjs/common';
import { withAccountChecks } from '../account/account-checked.gateway.js';
import { AccountStateService } from '../account/account-state.service.js';
import { HttpLogtoManagementGateway } from './http-logto-management.gateway.js';
import { LogtoHttpClient } from './logto-http.client.js';
import { LogtoManagementGateway } from './logto-management.gateway.js';
import { M2MTokenProvider } from './m2m-token.provider.js';
import { AccountModule } from '../account/account.module.js';

@Global()
@Module({
  imports: [AccountModule],
  providers: [
    M2MTokenProvider,
    LogtoHttpClient,
    HttpLogtoManagementGateway,
    // Every service's calls run under the caller's account check (suspension, deletion: src/account).
    {
      provide: LogtoManagementGateway,
      useFactory: (gateway: HttpLogtoManagementGateway, accounts: AccountStateService) => withAccountChecks(gateway, accounts),
      inject: [HttpLogtoManagementGateway, AccountStateService],
    },
  ],
  exports: [LogtoManagementGateway, HttpLogtoManagementGateway, M2MTokenProvider, LogtoHttpClient],
})
export class LogtoModule {}
