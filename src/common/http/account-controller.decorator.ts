import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IdempotentMutations } from '../../idempotency/idempotent-mutations.decorator.js';

/**
 * The one class decorator of every `/me` controller: its route prefix, its OpenAPI tag, the bearer security
 * scheme, and the account check plus Idempotency-Key on each POST, PUT, PATCH and DELETE handler (see
 * IdempotentMutations: it binds them per mutating handler, so a read-only controller carries no
 * interceptor at all). Kept in this one file so that what every account route runs is decided in one place.
 */
export function AccountController(path: string, tag: string): ClassDecorator {
  return applyDecorators(ApiTags(tag), ApiBearerAuth('bearer'), Controller(path), IdempotentMutations());
}
