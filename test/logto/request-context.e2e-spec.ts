/**
 * The request context (request id, user id, the client's connection and through it Node's raw request and
 * response) must not be captured by undici's per-call objects. undici's request handler is an AsyncResource:
 * it keeps the async context it was created in, and it outlives the call by more than one young-generation GC,
 * so every GET /me's context, raw request and response were promoted to the old generation with it (11 KB per
 * request against the baseline's 3.3 KB: docs/performance.md, "Issue #20, third pass"). The Logto call is
 * therefore made outside the request context; what it needs of the context (the request id, the trace) is put
 * in its headers first, and the code after the call runs in the caller's context again.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { currentRequestContext } from '../../src/common/logging/request-context.js';
import { useEmulatorApp } from '../support/test-app.js';

interface Seen {
  path: string;
  context: ReturnType<typeof currentRequestContext>;
}

describe('Logto calls and the request context', () => {
  const h = useEmulatorApp();
  let userId: string;
  let seen: Seen[];
  const onCreate = (message: unknown) => {
    const { request } = message as { request: { path: string } };
    seen.push({ path: request.path, context: currentRequestContext() });
  };

  beforeAll(() => {
    userId = h.emu.seedUser({ username: 'context_user' }).id;
    subscribe('undici:request:create', onCreate);
  });
  afterAll(() => unsubscribe('undici:request:create', onCreate));
  beforeEach(() => {
    seen = [];
  });

  it('makes the Management API call outside the request context, and still names the request to Logto', async () => {
    const token = await h.token(userId);
    const res = await h.t.inject({ method: 'GET', url: '/me', headers: { authorization: `Bearer ${token}`, 'x-request-id': 'context-1' } });
    expect(res.statusCode).toBe(200);

    const userCalls = seen.filter((call) => call.path.startsWith(`/api/users/${userId}`));
    expect(userCalls.length).toBeGreaterThan(0);
    expect(userCalls.map((call) => call.context?.requestId)).toEqual(userCalls.map(() => undefined));
    const forwarded = h.emu.requests.filter((request) => request.url.startsWith(`/api/users/${userId}`));
    expect(forwarded.at(-1)?.headers['x-request-id']).toBe('context-1');
  });

  it('runs the work after the call in the request context again: its log lines carry the request id', async () => {
    const token = await h.token(userId);
    const res = await h.t.inject({ method: 'PATCH', url: '/me', payload: { name: 'Context' }, headers: { authorization: `Bearer ${token}`, 'x-request-id': 'context-2' } });
    expect(res.statusCode).toBe(200);
    const apiCalls = seen.filter((call) => call.path.startsWith('/api/'));
    expect(apiCalls.some((call) => call.path.startsWith(`/api/users/${userId}`))).toBe(true);
    expect(apiCalls.map((call) => call.context?.requestId)).toEqual(apiCalls.map(() => undefined));

    const lines = h.t.logLines().filter((line) => line.requestId === 'context-2');
    expect(lines.some((line) => line.msg === 'request' && line.userId === userId)).toBe(true);
    expect(lines.some((line) => line.msg !== 'request')).toBe(true);
  });
});
