import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants.js';
import { AccountStateInterceptor } from '../../src/account/account-state.interceptor.js';
import { IdempotencyInterceptor } from '../../src/idempotency/idempotency.interceptor.js';
import { totpCode } from '../mfa/mfa-test-support.js';
import { accountRouteHandlers, bearer, expectProblem, grantStepUp, tokenFor, useEmulatorApp } from '../support/test-app.js';

describe('Idempotency-Key on mutating /me routes', () => {
  const h = useEmulatorApp();

  async function user(password?: string) {
    const seeded = h.emu.seedUser({ username: `idem_${Math.random().toString(36).slice(2, 10)}`, ...(password ? { password } : {}) });
    return { id: seeded.id, token: await tokenFor(h.emu, seeded.id) };
  }
  const patchProfile = (token: string, body: unknown, key?: string) =>
    h.t.inject({
      method: 'PATCH',
      url: '/me/profile',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json', ...(key === undefined ? {} : { 'idempotency-key': key }) }),
      payload: JSON.stringify(body),
    });
  const patchCalls = () => h.emu.counters.byRoute['PATCH /api/users/:userId/profile'] ?? 0;

  it('runs the first request and replays its response (status, body, ETag) to a retry, without running it again', async () => {
    const { token } = await user();
    const first = await patchProfile(token, { givenName: 'Ada', familyName: 'Lovelace' }, 'key-1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const calls = patchCalls();
    const digest = h.emu.stateDigest();

    // Same body with keys in another order: the same request.
    const retry = await patchProfile(token, { familyName: 'Lovelace', givenName: 'Ada' }, 'key-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(patchCalls()).toBe(calls);
    expect(h.emu.stateDigest()).toBe(digest);
  });

  it('replays a 201 with its status', async () => {
    const { id, token } = await user();
    const enrollment = (await h.t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers: bearer(token) })).json() as {
      enrollmentId: string;
      secret: string;
    };
    const body = { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, Date.now()) };
    // Confirming a factor revokes the user's verification records, so the retry brings a fresh one (a replay
    // re-checks step-up).
    const send = async () =>
      h.t.inject({
        method: 'POST',
        url: '/me/mfa/totp',
        headers: bearer(token, { 'idempotency-key': '"quoted-key"', 'verification-id': await grantStepUp(h.t, id) }),
        payload: body,
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
  });

  it('refuses the same key with a different body: 422 idempotency.key_reused, nothing changes', async () => {
    const { token } = await user();
    expect((await patchProfile(token, { givenName: 'One' }, 'key-2')).statusCode).toBe(200);
    const digest = h.emu.stateDigest();
    expectProblem(await patchProfile(token, { givenName: 'Two' }, 'key-2'), 422, 'idempotency.key_reused');
    expect(h.emu.stateDigest()).toBe(digest);
  });

  it('refuses the same key on another route', async () => {
    const { token } = await user();
    expect((await patchProfile(token, { givenName: 'One' }, 'key-3')).statusCode).toBe(200);
    const res = await h.t.inject({
      method: 'PATCH',
      url: '/me',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'idempotency-key': 'key-3' }),
      payload: JSON.stringify({ givenName: 'One' }),
    });
    expectProblem(res, 422, 'idempotency.key_reused');
  });

  it('answers 409 idempotency.in_progress to a retry while the first request still runs', async () => {
    const { token } = await user();
    h.emu.setFault({ match: /^\/api\/users\/[^/]+\/profile$/, methods: ['PATCH'], latencyMs: 400, times: 1 });
    const seen = h.emu.requests.length;
    const first = patchProfile(token, { givenName: 'Slow' }, 'key-4');
    // Once Logto has the PATCH, the first request is inside its handler.
    while (!h.emu.requests.slice(seen).some((r) => r.method === 'PATCH')) await new Promise((resolve) => setImmediate(resolve));
    const concurrent = await patchProfile(token, { givenName: 'Slow' }, 'key-4');
    expectProblem(concurrent, 409, 'idempotency.in_progress');
    expect(concurrent.headers['retry-after']).toBe('1');
    expect((await first).statusCode).toBe(200);
    expect((await patchProfile(token, { givenName: 'Slow' }, 'key-4')).headers['idempotent-replayed']).toBe('true');
  });

  it('keeps no failed outcome: a retry after an error runs again', async () => {
    const { id, token } = await user();
    const invalid = await patchProfile(token, { givenName: 42 }, 'key-5');
    expectProblem(invalid, 400, 'request.validation_failed');
    h.emu.setFault({ match: /^\/api\/users\/[^/]+\/profile$/, methods: ['PATCH'], status: 500, times: 10 });
    const upstream = await patchProfile(token, { givenName: 'Later' }, 'key-6');
    h.emu.clearFaults();
    expectProblem(upstream, 502, 'upstream.unavailable');
    expect(h.emu.state.users.get(id)?.profile).toEqual({});
    const retried = await patchProfile(token, { givenName: 'Later' }, 'key-6');
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.json().profile).toMatchObject({ givenName: 'Later' });
  });

  it('keeps keys per user: another user with the same key runs their own request', async () => {
    const a = await user();
    const b = await user();
    expect((await patchProfile(a.token, { givenName: 'A' }, 'shared-key')).statusCode).toBe(200);
    const other = await patchProfile(b.token, { givenName: 'B' }, 'shared-key');
    expect(other.statusCode).toBe(200);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.json().profile).toMatchObject({ givenName: 'B' });
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['non-ASCII', 'clé'],
    ['a control character', 'a\u0007b'],
  ])('rejects a key that is %s with 400 and changes nothing', async (_label, key) => {
    const { token } = await user();
    const digest = h.emu.stateDigest();
    const res = await h.t.inject({
      method: 'PATCH',
      url: '/me/profile',
      headers: { ...bearer(token, { 'content-type': 'application/merge-patch+json' }), 'idempotency-key': key },
      payload: JSON.stringify({ givenName: 'X' }),
    });
    expectProblem(res, 400, 'request.validation_failed');
    expect(res.json().detail).toMatch(/Idempotency-Key/);
    expect(h.emu.stateDigest()).toBe(digest);
  });

  it('accepts a 255-character key', async () => {
    const { token } = await user();
    expect((await patchProfile(token, { givenName: 'Long' }, 'k'.repeat(255))).statusCode).toBe(200);
  });

  it('ignores the header on reads', async () => {
    const { token } = await user();
    const res = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token, { 'idempotency-key': 'read-key' }) });
    expect(res.statusCode).toBe(200);
    const again = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token, { 'idempotency-key': 'read-key' }) });
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('never stores a response carrying secrets (TOTP enrollment), keeps the key per user, and never logs the secret or the key', async () => {
    const { id, token } = await user();
    const key = 'enroll-key-7f3a';
    const start = (bearerToken: string) => h.t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers: bearer(bearerToken, { 'idempotency-key': key }) });
    const first = await start(token);
    expect(first.statusCode).toBe(201);
    expect(first.headers['cache-control']).toBe('no-store');
    const secret = (first.json() as { secret: string }).secret;
    const replay = await start(token);
    expectProblem(replay, 409, 'idempotency.not_replayable');
    expect(replay.body).not.toContain(secret);

    const intruder = await user();
    const theirs = await start(intruder.token);
    expect(theirs.statusCode).toBe(201);
    expect((theirs.json() as { secret: string }).secret).not.toBe(secret);

    expect(h.t.logs()).not.toContain(secret);
    expect(h.t.logs()).not.toContain(key);
    // Starting an enrollment binds nothing in Logto, however often it is replayed.
    expect(h.emu.state.mfaOf(id)).toEqual([]);
  });

  it('replays a step-up change to a retry that carries a still-valid Verification-Id', async () => {
    const { id, token } = await user();
    const verificationId = await grantStepUp(h.t, id);
    const send = () =>
      h.t.inject({
        method: 'PATCH',
        url: '/me',
        headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'idempotency-key': 'rename-1', 'verification-id': verificationId }),
        payload: JSON.stringify({ username: `renamed_${id.slice(0, 6).toLowerCase()}` }),
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
  });

  it('covers every mutating /me route (behind the account check), and leaves every read route without an interceptor', () => {
    const mutating = new Set([RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE]);
    const covered: string[] = [];
    const uncovered: string[] = [];
    const interceptedReads: string[] = [];
    for (const { route, method, handler } of accountRouteHandlers(h.t.app)) {
      const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
      if (!mutating.has(method)) {
        if (interceptors.length > 0) interceptedReads.push(route);
      } else if (interceptors[0] === AccountStateInterceptor && interceptors[1] === IdempotencyInterceptor) covered.push(route);
      else uncovered.push(route);
    }
    expect(uncovered).toEqual([]);
    expect(interceptedReads).toEqual([]);
    expect(covered.length).toBeGreaterThan(20);
  });
});
