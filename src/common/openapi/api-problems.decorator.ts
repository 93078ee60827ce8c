import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CATALOG, type ErrorCode } from '../errors/error-codes.js';
import { ProblemDto, ValidationProblemDto } from './problem.dto.js';

/**
 * Documents the problem responses a route can give, grouped by status, with the codes as examples.
 * `@ApiProblems('auth.token_invalid', 'email.already_in_use')`
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CATALOG[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus.entries()].map(([status, group]) =>
      ApiResponse({
        status,
        description: group.map((code) => `\`${code}\`: ${ERROR_CATALOG[code].title}`).join('<br>'),
        content: {
          'application/problem+json': {
            schema: { $ref: getSchemaPath(group.includes('request.validation_failed') ? ValidationProblemDto : ProblemDto) },
            examples: Object.fromEntries(
              group.map((code) => [
                code,
                {
                  value: {
                    type: `urn:logto-account-service:problem:${code}`,
                    title: ERROR_CATALOG[code].title,
                    status,
                    detail: ERROR_CATALOG[code].title,
                    instance: '/me',
                    code,
                    requestId: '3f0c2a9e-8d7b-4b7e-9a55-1b2c3d4e5f60',
                  },
                },
              ]),
            ),
          },
        },
      }),
    ),
  );
}
