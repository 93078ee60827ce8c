import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { VerifiedIdentity } from './verified-identity.js';
import { requestOf } from '../common/http/request-parts.js';

export const PUBLIC_ROUTE = 'auth:public';
export const REQUIRED_ACCESS = 'auth:access';

/** The route needs no access token (health, docs). Every other route does. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Which configured scope the route needs. Without it, GET and HEAD need the read scope and every other
 * method the write scope, so a new route cannot be left unprotected by forgetting a decorator.
 */
export const RequireAccess = (access: 'read' | 'write') => SetMetadata(REQUIRED_ACCESS, access);

declare module 'fastify' {
  interface FastifyRequest {
    identity?: VerifiedIdentity;
  }
}

/** The verified caller. Route handlers take the user id from here and nowhere else. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): VerifiedIdentity => {
  const identity = requestOf(ctx).identity;
  if (!identity) throw new Error('CurrentUser used on a route without the access token guard');
  return identity;
});
