import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { AccountStateInterceptor } from '../account/account-state.interceptor.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

const MUTATING = new Set<RequestMethod>([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);

/**
 * Class decorator for every /me controller: binds the IdempotencyInterceptor to each POST, PUT, PATCH and
 * DELETE handler of the class (class decorators run after the method decorators, so the HTTP method is
 * known here), first in the handler's interceptor list so a replay is the final response, behind only the
 * account check (AccountStateInterceptor), which must pass for a replay too. Not a global
 * interceptor: Nest runs every route that has an interceptor through an rxjs pipeline, and a global one
 * would put every GET through it for nothing. test/idempotency checks that no mutating /me route is without it.
 */
export function IdempotentMutations(): ClassDecorator {
  return (target) => {
    const prototype = target.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined || !MUTATING.has(method)) continue;
      const declared = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
      Reflect.defineMetadata(INTERCEPTORS_METADATA, [AccountStateInterceptor, IdempotencyInterceptor, ...declared], handler);
    }
  };
}
