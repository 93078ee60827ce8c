import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { requestOf } from './request-parts.js';

/**
 * The raw If-Match header. A custom decorator rather than `@Headers('if-match')`, which the Swagger module
 * would document a second time next to the described `If-Match` header of the route.
 */
export const IfMatch = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const value = requestOf(ctx).headers['if-match'];
  return typeof value === 'string' ? value : undefined;
});
