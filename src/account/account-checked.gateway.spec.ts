import type { LogtoHttpClient } from '../logto/logto-http.client.js';
import { HttpLogtoManagementGateway } from '../logto/http-logto-management.gateway.js';
import type { AccountStateService } from './account-state.service.js';
import { withAccountChecks } from './account-checked.gateway.js';

/** Every method the gateway class (and its parents) declares, as withAccountChecks must find them. */
function declaredMethods(): string[] {
  const names = new Set<string>();
  for (let proto = HttpLogtoManagementGateway.prototype as object; proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function') names.add(name);
    }
  }
  return [...names];
}

describe('withAccountChecks', () => {
  const http = { marker: 'the inner client' } as unknown as LogtoHttpClient;
  const inner = new HttpLogtoManagementGateway(http);
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const accounts = {
    guardCall: (method: string, args: unknown[], call: () => Promise<unknown>) => {
      calls.push({ method, args });
      return call();
    },
  } as unknown as AccountStateService;
  const gateway = withAccountChecks(inner, accounts) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

  beforeEach(() => (calls.length = 0));

  it('runs every method of the gateway under the account check, with its name and arguments', async () => {
    const methods = declaredMethods();
    expect(methods).toEqual(expect.arrayContaining(['getUser', 'getCustomData', 'updateUser', 'deleteUser', 'ping']));
    for (const name of methods) {
      // Each method calls Logto through `this.http`, which the fake lacks: the call fails, after the check ran.
      await Promise.resolve()
        .then(() => gateway[name]('arg-1', { arg: 2 }))
        .catch(() => undefined);
    }
    expect(calls.map((call) => call.method)).toEqual(methods);
    expect(calls.every((call) => call.args[0] === 'arg-1' && (call.args[1] as { arg: number }).arg === 2)).toBe(true);
  });

  it('calls the method on the wrapped gateway itself (its own fields), not on the wrapper', async () => {
    const seen: unknown[] = [];
    const probe = Object.assign(Object.create(HttpLogtoManagementGateway.prototype) as object, { http, own: 'inner' });
    (probe as Record<string, unknown>).getUser = function (this: unknown) {
      seen.push(this);
      return Promise.resolve({});
    };
    const wrapped = withAccountChecks(probe as unknown as HttpLogtoManagementGateway, accounts);
    await wrapped.getUser('u');
    expect(seen).toEqual([probe]);
    expect(calls).toEqual([{ method: 'getUser', args: ['u'] }]);
  });

  it('reads fields through to the wrapped gateway', () => {
    expect((gateway as unknown as { http: unknown }).http).toBe(http);
  });
});
