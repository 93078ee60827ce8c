import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { ProblemDto, ValidationProblemDto } from './problem.dto.js';

export const BEARER_SCHEME = 'bearer';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the OpenAPI document from the controllers (and the CLI plugin's DTO metadata): the single source. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Logto account service')
    .setDescription(
      [
        'Self-service account API for end users of apps built on Logto. Call every `/me` route with the',
        "user's Logto access token (`Authorization: Bearer …`) issued for this service's API resource.",
        '',
        'Errors are RFC 9457 `application/problem+json` with a stable `code`; see the README for the list.',
      ].join('\n'),
    )
    .setVersion(packageVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A Logto user access token.' }, BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto, ValidationProblemDto],
  });
}

export function setupSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'Logto account service',
    swaggerOptions: { persistAuthorization: true, displayRequestDuration: true },
  });
}
