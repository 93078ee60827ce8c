/**
 * The method types come from openapi.yaml: `npm run typecheck` fails when a `@ts-expect-error` below stops being an
 * error (the client then accepts a call the service would refuse). The runtime checks run without a server.
 */
import { AccountProblem, createAccountClient, isAccountProblem, operations, type AccountClient, type ProblemCode } from '@logto-account-service/client';

// Never called: compiled only.
export async function compileTimeChecks(client: AccountClient): Promise<void> {
  const account = await client.getMyAccount();
  const id: string = account.id;
  // @ts-expect-error a field AccountDto does not have
  void account.password;
  // @ts-expect-error the session id is a required path parameter
  await client.revokeMySession();
  // @ts-expect-error name is not a profile claim (PATCH /me takes it)
  await client.updateMyProfile({ body: { name: 'x' } });
  // @ts-expect-error the body of setMyPassword is required
  await client.setMyPassword({});
  const none: undefined = await client.revokeMySession({ path: { sessionId: id } });
  const page = await client.listMyActivity({ query: { limit: 5 } });
  void page.items.length;
  // @ts-expect-error unknown query parameter
  await client.listMyActivity({ query: { page: 2 } });
  void none;

  try {
    await client.removeMyEmail();
  } catch (error) {
    if (isAccountProblem(error, 'verification.required')) {
      const methods: Array<'password' | 'email' | 'phone' | 'reauthentication'> = error.extensions.methods;
      void methods;
    }
    if (isAccountProblem(error, 'password.rejected')) {
      const rules: string[] = error.extensions.issues.map((issue) => issue.code);
      void rules;
      // @ts-expect-error password.rejected carries no methods
      void error.extensions.methods;
    }
    if (isAccountProblem(error)) {
      const code: ProblemCode | 'client.unexpected_response' = error.code;
      void code;
      // @ts-expect-error extensions are typed per code: narrow the code first
      void error.extensions.methods;
    }
    // @ts-expect-error not a code of the catalogue
    void isAccountProblem(error, 'email.taken');
  }
}

describe('client without a server', () => {
  const unreachable = (async () => {
    throw new Error('no request expected');
  }) as typeof fetch;

  it('builds one method per operation and lists them with method and path', () => {
    const client = createAccountClient({ baseUrl: 'https://account.example.test', getAccessToken: () => 't', fetch: unreachable });
    expect(operations.length).toBeGreaterThan(30);
    for (const info of operations) {
      expect(typeof client[info.operationId]).toBe('function');
      expect(info.path.startsWith('/me')).toBe(true);
    }
    expect(operations.find((o) => o.operationId === 'revokeMySession')).toMatchObject({ method: 'DELETE', path: '/me/sessions/{sessionId}' });
  });

  it('refuses a call without its path parameter before sending anything', async () => {
    const client = createAccountClient({ baseUrl: 'https://account.example.test', getAccessToken: () => 't', fetch: unreachable });
    await expect((client.revokeMySession as (o?: unknown) => Promise<unknown>)({})).rejects.toThrow(/sessionId/);
  });

  it('encodes path parameters and keeps a base path', async () => {
    const urls: string[] = [];
    const client = createAccountClient({
      baseUrl: 'https://example.test/account/',
      getAccessToken: () => 't',
      fetch: (async (input: Parameters<typeof fetch>[0]) => {
        urls.push(String(input));
        return new Response(null, { status: 204 });
      }) as typeof fetch,
    });
    await client.revokeMySession({ path: { sessionId: 'a/b c' } });
    expect(urls).toEqual(['https://example.test/account/me/sessions/a%2Fb%20c']);
  });

  it('isAccountProblem tells problems apart by code, also across copies of the class', () => {
    const problem = new AccountProblem({ status: 404, code: 'session.not_found', title: 'No such session', operationId: 'revokeMySession' });
    expect(isAccountProblem(problem)).toBe(true);
    expect(isAccountProblem(problem, 'session.not_found')).toBe(true);
    expect(isAccountProblem(problem, 'grant.not_found')).toBe(false);
    const foreign = Object.assign(new Error('x'), { name: 'AccountProblem', code: 'session.not_found' });
    expect(isAccountProblem(foreign, 'session.not_found')).toBe(true);
    expect(isAccountProblem(new Error('x'))).toBe(false);
    expect(isAccountProblem({ code: 'session.not_found' })).toBe(false);
  });
});
