import { ManualClock } from '../../src/common/clock.js';
import { bearer, expectProblem, auth, startEmulatorApp, verifyByPassword, type RunningEmulatorApp } from '../support/test-app.js';

const PASSWORD = 'correct horse battery';
const STEP_UP_LIFETIME_MS = 600_000;

/**
 * A replay answers only to a request that would pass every check the route makes now: the guards run before
 * the replay (authentication, scope), step-up is checked again, and answers carrying secrets are never kept.
 */
describe('Idempotent replays re-check what guards the route', () => {
  let h: RunningEmulatorApp<ManualClock>;
  beforeAll(async () => {
    h = await startEmulatorApp({ clock: new ManualClock(), warmUp: true });
  });
  afterAll(async () => {
    await h.close();
  });

  async function user(withTotp = false) {
    const seeded = h.emu.seedUser({ username: `guard_${Math.random().toString(36).slice(2, 10)}`, password: PASSWORD });
    if (withTotp) h.emu.addMfaVerification(seeded.id, { type: 'Totp' });
    return { id: seeded.id, token: await h.token(seeded.id) };
  }

  it('never stores backup codes: a replay after the verification expired returns no codes', async () => {
    const { token } = await user(true);
    const verificationId = await verifyByPassword(h, token, PASSWORD);
    const headers = { ...auth(token, verificationId), 'idempotency-key': 'codes-1' };
    const first = await h.t.inject({ method: 'POST', url: '/me/mfa/backup-codes', headers });
    expect(first.statusCode).toBe(201);
    const codes = (first.json() as { codes: string[] }).codes;
    expect(codes.length).toBeGreaterThan(0);

    h.clock.advance(STEP_UP_LIFETIME_MS + 1000);
    const digest = h.emu.stateDigest();
    const replay = await h.t.inject({ method: 'POST', url: '/me/mfa/backup-codes', headers });
    expectProblem(replay, 409, 'idempotency.not_replayable');
    for (const code of codes) expect(replay.body).not.toContain(code);
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
    expect(h.emu.stateDigest()).toBe(digest);
    // Without the key, the expired verification is refused as always.
    expectProblem(await h.t.inject({ method: 'POST', url: '/me/mfa/backup-codes', headers: auth(token, verificationId) }), 403, 'verification.required');
  });

  it('never stores a verification id: a replay of a password verification while locked returns none', async () => {
    const { token } = await user();
    const verify = (password: string, key?: string) =>
      h.t.inject({
        method: 'POST',
        url: '/me/verifications/password',
        headers: bearer(token, key ? { 'idempotency-key': key } : {}),
        payload: { password },
      });
    const first = await verify(PASSWORD, 'verify-1');
    expect(first.statusCode).toBe(201);
    const { verificationId } = first.json() as { verificationId: string };
    for (let i = 0; i < 5; i++) expect((await verify('wrong password')).statusCode).toBe(422);
    expectProblem(await verify(PASSWORD), 429, 'verification.locked');

    const replay = await verify(PASSWORD, 'verify-1');
    expectProblem(replay, 409, 'idempotency.not_replayable');
    expect(replay.body).not.toContain(verificationId);
    expect(replay.body).not.toContain('verificationId');
  });

  it('never stores a TOTP secret: a replay of an enrollment start answers 409 and shows no secret', async () => {
    const { token } = await user();
    const start = () => h.t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers: bearer(token, { 'idempotency-key': 'enroll-1' }) });
    const first = await start();
    expect(first.statusCode).toBe(201);
    const { secret, otpauthUri } = first.json() as { secret: string; otpauthUri: string };
    const replay = await start();
    expectProblem(replay, 409, 'idempotency.not_replayable');
    expect(replay.body).not.toContain(secret);
    expect(replay.body).not.toContain(encodeURIComponent(secret));
    expect(otpauthUri).toContain(secret);
  });

  it('checks step-up again on a stored replay: an expired Verification-Id gets 403, a fresh one gets the stored answer', async () => {
    const { id, token } = await user();
    const verificationId = await verifyByPassword(h, token, PASSWORD);
    const username = `renamed_${id.slice(0, 6).toLowerCase()}`;
    const rename = (vid: string | undefined) =>
      h.t.inject({
        method: 'PATCH',
        url: '/me',
        headers: { ...auth(token, vid), 'content-type': 'application/merge-patch+json', 'idempotency-key': 'rename-guarded' },
        payload: JSON.stringify({ username }),
      });
    const first = await rename(verificationId);
    expect(first.statusCode).toBe(200);
    const patches = h.emu.counters.byRoute['PATCH /api/users/:userId'] ?? 0;

    h.clock.advance(STEP_UP_LIFETIME_MS + 1000);
    const stale = await rename(verificationId);
    expectProblem(stale, 403, 'verification.required');
    expect(stale.body).not.toContain(username);
    expectProblem(await rename(undefined), 403, 'verification.required');

    const fresh = await verifyByPassword(h, token, PASSWORD);
    const replay = await rename(fresh);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expect(h.emu.counters.byRoute['PATCH /api/users/:userId'] ?? 0).toBe(patches);
  });

  it('does not ask for step-up on the replay of a change that did not need it', async () => {
    const { token } = await user();
    const send = () =>
      h.t.inject({
        method: 'PATCH',
        url: '/me/profile',
        headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'idempotency-key': 'plain-1' }),
        payload: JSON.stringify({ givenName: 'Plain' }),
      });
    expect((await send()).statusCode).toBe(200);
    h.clock.advance(STEP_UP_LIFETIME_MS + 1000);
    const replay = await send();
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('runs the guards before a replay: a token without the write scope gets 403, not the stored answer', async () => {
    const { id, token } = await user();
    const send = (bearerToken: string) =>
      h.t.inject({
        method: 'PATCH',
        url: '/me/profile',
        headers: bearer(bearerToken, { 'content-type': 'application/merge-patch+json', 'idempotency-key': 'scoped-1' }),
        payload: JSON.stringify({ givenName: 'Scoped' }),
      });
    expect((await send(token)).statusCode).toBe(200);
    const readOnly = await h.emu.mintUserToken({ sub: id, scopes: ['account:read'], audience: 'https://account.example.test', ttlSeconds: 86_400 });
    expectProblem(await send(readOnly), 403, 'auth.insufficient_scope');
    expectProblem(await send('not-a-token'), 401, 'auth.token_invalid');
  });
});

describe('A bad Idempotency-Key', () => {
  let h: RunningEmulatorApp<ManualClock>;
  beforeAll(async () => {
    h = await startEmulatorApp({ clock: new ManualClock(), warmUp: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists its field errors under `errors`, like every validation error, with `issues` kept as a deprecated alias', async () => {
    const seeded = h.emu.seedUser({ username: `badkey_${Math.random().toString(36).slice(2, 10)}` });
    const token = await h.token(seeded.id);
    const res = await h.t.inject({
      method: 'PATCH',
      url: '/me/profile',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json', 'idempotency-key': 'clé' }),
      payload: JSON.stringify({ givenName: 'X' }),
    });
    const body = expectProblem(res, 400, 'request.validation_failed');
    expect(body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringMatching(/printable ASCII/) }]);
    expect(body.issues).toEqual(body.errors);
  });
});
