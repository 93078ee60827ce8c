import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { AccountStateService } from './account-state.service.js';

/**
 * The gateway every service gets: the HTTP gateway with each call run under the account check of the current
 * request (AccountStateService.guardCall). A Proxy rather than a subclass, so a method added to the gateway
 * is covered without being listed here: in a mutating request no call of any kind can reach Logto unchecked.
 */
export function withAccountChecks(inner: LogtoManagementGateway, accounts: AccountStateService): LogtoManagementGateway {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function' || property === 'constructor') return value;
      let method = wrapped.get(property);
      if (method === undefined) {
        const original = value as (...args: unknown[]) => Promise<unknown>;
        method = (...args: unknown[]) =>
          accounts.guardCall(String(property), args, () => original.apply(target, args));
        wrapped.set(property, method);
      }
      return method;
    },
  });
}
