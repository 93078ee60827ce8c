import { Global, Module } from '@nestjs/common';
import { HttpLogtoManagementGateway } from './http-logto-management.gateway.js';
import { LogtoHttpClient } from './logto-http.client.js';
import { LogtoManagementGateway } from './logto-management.gateway.js';
import { M2MTokenProvider } from './m2m-token.provider.js';

@Global()
@Module({
  providers: [
    M2MTokenProvider,
    LogtoHttpClient,
    { provide: LogtoManagementGateway, useClass: HttpLogtoManagementGateway },
  ],
  exports: [LogtoManagementGateway, M2MTokenProvider, LogtoHttpClient],
})
export class LogtoModule {}
