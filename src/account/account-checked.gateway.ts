import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { AccountStateService } from './account-state.service.js';

/**
 * The gateway every service gets: the HTTP gateway with each call run under the account check of the current
 * request (AccountStateService.guardCall). Built from the gateway's prototype chain when the app starts, not
 * listed by hand, so a method added to the gateway is covered without being named here: in a mutating request
 * no call of any kind can reach Logto unchecked. (A Proxy did the same with a trap on every property read of
 * every call; the methods never change once the app is built, so they are wrapped once.)
 */
export function withAccountChecks(inner: LogtoManagementGateway, accounts: AccountStateService): LogtoManagementGateway {
  const wrapped = Object.create(inner) as Record<string, unknown>;
  for (const name of methodNames(inner)) {
    const original = (inner as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name];
    wrapped[name] = (...args: unknown[]) => accounts.guardCall(name, args, () => original.apply(inner, args));
  }
  return wrapped as unknown as LogtoManagementGateway;
}

/** Every method of the object and its classes (own and inherited), the constructor and Object's own excepted. */
function methodNames(target: object): string[] {
  const names = new Set<string>();
  for (let proto: object | null = target; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || names.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      // Accessors are state, not calls to Logto.
      if (descriptor && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names];
}
