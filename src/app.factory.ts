import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream, Logger } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module.js';
import type { AllConfig } from './config/app-config.js';
import { configureHttp, createFastifyAdapter } from './common/http/http-setup.js';
import { createLogger, createRequestLogger } from './common/logging/logger.js';
import { PinoNestLogger } from './common/logging/nest-logger.js';
import { setupSwaggerUi } from './common/openapi/openapi.js';
import { installAccountCenter } from './account-center/serve-account-center.js';
import type { FastifyInstance } from 'fastify';

export interface CreateAppOptions extends AppModuleOptions {
  /** Where log lines go (default stdout); tests capture them. */
  logDestination?: DestinationStream;
}

export interface CreatedApp {
  app: NestFastifyApplication;
  logger: Logger;
}

/**
 * Builds the whole service, ready to `listen` or to `inject` requests into. The one way the service is
 * assembled: production (main.ts), tests, the demo and the benchmark all call it.
 */
export async function createApp(config: AllConfig, options: CreateAppOptions = {}): Promise<CreatedApp> {
  const loggerOptions = { level: config.server.logLevel, pretty: config.server.nodeEnv === 'development', destination: options.logDestination };
  const logger = createLogger(loggerOptions);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), createFastifyAdapter(config.server), {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    // Nest's parsers would accept forms; configureHttp installs the only ones (JSON, merge-patch JSON).
    bodyParser: false,
  });
  await configureHttp(app, config.server, createRequestLogger(loggerOptions));
  setupSwaggerUi(app);
  if (config.accountCenter.enabled) installAccountCenter(app.getHttpAdapter().getInstance() as unknown as FastifyInstance, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, logger };
}
