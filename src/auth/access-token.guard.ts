import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { AllConfig, AuthConfig } from '../config/app-config.js';
import { DomainError } from '../common/errors/domain-error.js';
import { PUBLIC_ROUTE, REQUIRED_ACCESS } from './auth.decorators.js';
import { TokenVerifier } from './token-verifier.service.js';
import { requestOf } from '../common/http/request-parts.js';
import type { FastifyRequest } from 'fastify';
import type { VerifiedIdentity } from './verified-identity.js';

/** Global guard: every route needs a valid Logto user access token with the right scope unless @Public(). */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  private readonly auth: AuthConfig;
  private readonly routes = new WeakMap<object, RouteAccess>();

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    config: ConfigService<AllConfig, true>,
  ) {
    this.auth = config.get('auth', { infer: true });
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const route = this.routeAccess(context);
    if (route.isPublic) return true;

    const request = requestOf(context);
    const identity = this.verifier.verify(this.verifier.extract(request.headers.authorization));
    if (identity instanceof Promise) return identity.then((verified) => this.admit(request, route, verified));
    return this.admit(request, route, identity);
  }

  /** The scope check, then the identity on the request for the handler and the log line. */
  private admit(request: FastifyRequest, route: RouteAccess, identity: VerifiedIdentity): true {
    const access = route.access ?? (request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
    const scope = access === 'read' ? this.auth.readScope : this.auth.writeScope;
    if (scope && !identity.scopes.has(scope)) {
      throw new DomainError('auth.insufficient_scope', `This operation needs the "${scope}" scope.`, {
        headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
      });
    }

    request.identity = identity;
    if (request.context) request.context.userId = identity.userId;
    return true;
  }

  /** A handler's decorators never change once the app is built: read them once per handler, not per request. */
  private routeAccess(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (route === undefined) {
      const targets = [handler, context.getClass()];
      route = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
        access: this.reflector.getAllAndOverride<'read' | 'write'>(REQUIRED_ACCESS, targets),
      };
      this.routes.set(handler, route);
    }
    return route;
  }
}

interface RouteAccess {
  isPublic: boolean;
  /** From @RequireAccess(); otherwise decided by the method. */
  access: 'read' | 'write' | undefined;
}
