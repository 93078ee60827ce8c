import { ManualClock } from '../../src/common/clock.js';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, TEST_AUDIENCE, useEmulatorApp, auditLines, grantStepUp } from '../support/test-app.js';
import { totpCode, wrongCode } from './mfa-test-support.js';

const TEN_MINUTES = 10 * 60 * 1000;

describe('TOTP enrollment with proof (/me/mfa/totp)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 3, 51, 10));
  // Binding a secret makes the emulator draw Logto's PNG QR code, which is slow on a busy CI machine.
  const h = useEmulatorApp({ clock, env: { TOTP_ISSUER: 'Acme Account', LOGTO_TIMEOUT_MS: '10000' }, emulatorOptions: { now: () => clock.now() } });

  async function newUser(fields: Parameters<LogtoEmulator['seedUser']>[0] = { primaryEmail: 'ada@example.com', password: 'correct horse' }) {
    const user = h.emu.seedUser(fields);
    // Long-lived: some tests move the clock past the enrollment's 10 minutes.
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: ['account:read', 'account:write'], audience: TEST_AUDIENCE, ttlSeconds: 86_400 });
    return { user, headers: bearer(token) };
  }

  const start = (headers: Record<string, string>) => h.t.inject({ method: 'POST', url: '/me/mfa/totp/enrollment', headers });
  const confirm = (headers: Record<string, string>, body: unknown) => h.t.inject({ method: 'POST', url: '/me/mfa/totp', headers, payload: body as object });
  const totpOf = (userId: string) => h.emu.state.mfaOf(userId).filter((factor) => factor.type === 'Totp');

  async function startEnrollment(headers: Record<string, string>) {
    const res = await start(headers);
    expect(res.statusCode).toBe(201);
    return res.json() as { enrollmentId: string; secret: string; otpauthUri: string; qrCode: string; expiresAt: string };
  }

  it('starts an enrollment: a fresh secret, its otpauth URI and QR code, 10 minutes, nothing bound, no-store', async () => {
    const { user, headers } = await newUser();
    const before = h.emu.stateDigest();
    const res = await start(headers);
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['enrollmentId', 'expiresAt', 'otpauthUri', 'qrCode', 'secret']);
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.enrollmentId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const uri = new URL(body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Acme Account:ada@example.com');
    expect(uri.searchParams.get('secret')).toBe(body.secret);
    expect(uri.searchParams.get('issuer')).toBe('Acme Account');
    expect(body.qrCode).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(Date.parse(body.expiresAt)).toBe(clock.now() + TEN_MINUTES);
    expect(h.emu.stateDigest()).toBe(before);
    expect(totpOf(user.id)).toHaveLength(0);
  });

  it('labels the app with the username when the account has no email', async () => {
    const { headers } = await newUser({ username: 'grace_h', password: 'pw' });
    const body = await startEnrollment(headers);
    expect(body.otpauthUri).toContain(':grace_h?');
  });

  it('binds the secret after the right code: 201 the factor (no secret), listed, one audit line', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    const stepUp = await grantStepUp(h.t, user.id);
    const res = await confirm(bearer(headers.authorization!.slice(7), { 'verification-id': stepUp }), {
      enrollmentId: enrollment.enrollmentId,
      code: totpCode(enrollment.secret, clock.now()),
    });
    expect(res.statusCode).toBe(201);
    const factor = res.json();
    expect(factor).toEqual({ id: expect.any(String), type: 'totp', createdAt: expect.any(String) });
    expect(res.body).not.toContain(enrollment.secret);
    expect(totpOf(user.id)).toEqual([expect.objectContaining({ id: factor.id, key: enrollment.secret })]);

    const list = await h.t.inject({ method: 'GET', url: '/me/mfa', headers });
    expect(list.json()).toEqual({ items: [factor] });
    expect(auditLines(h.t, 'mfa.added').filter((line) => line.userId === user.id)).toEqual([
      expect.objectContaining({ details: { type: 'totp' } }),
    ]);
  });

  it('accepts the code of the previous and of the next 30-second step', async () => {
    for (const offset of [-1, 1]) {
      const { user, headers } = await newUser();
      const enrollment = await startEnrollment(headers);
      const res = await confirm(
        { ...headers, 'verification-id': await grantStepUp(h.t, user.id) },
        { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now(), offset) },
      );
      expect(res.statusCode).toBe(201);
      expect(totpOf(user.id)).toEqual([expect.objectContaining({ id: res.json().id, key: enrollment.secret })]);
    }
  });

  it('rejects a code two steps away and a wrong code: 422 mfa.invalid_code with attempts left, nothing bound, the right code still works', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    const withStepUp = { ...headers, 'verification-id': await grantStepUp(h.t, user.id) };
    const before = h.emu.stateDigest();

    const stale = await confirm(withStepUp, { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now(), -2) });
    expect(expectProblem(stale, 422, 'mfa.invalid_code').attemptsLeft).toBe(4);
    const wrong = await confirm(withStepUp, { enrollmentId: enrollment.enrollmentId, code: wrongCode(enrollment.secret, clock.now()) });
    expect(expectProblem(wrong, 422, 'mfa.invalid_code').attemptsLeft).toBe(3);
    expect(h.emu.stateDigest()).toBe(before);

    const right = await confirm(withStepUp, { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now()) });
    expect(right.statusCode).toBe(201);
    expect(totpOf(user.id)).toEqual([expect.objectContaining({ id: right.json().id, key: enrollment.secret })]);
  });

  it('burns the enrollment after 5 wrong codes: then even the right code gets 410 mfa.enrollment_expired', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    const withStepUp = { ...headers, 'verification-id': await grantStepUp(h.t, user.id) };
    const before = h.emu.stateDigest();
    const attemptsLeft: unknown[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await confirm(withStepUp, { enrollmentId: enrollment.enrollmentId, code: wrongCode(enrollment.secret, clock.now()) });
      attemptsLeft.push(expectProblem(res, 422, 'mfa.invalid_code').attemptsLeft);
    }
    expect(attemptsLeft).toEqual([4, 3, 2, 1, 0]);
    const right = await confirm(withStepUp, { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now()) });
    expectProblem(right, 410, 'mfa.enrollment_expired');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('names the tries left remainingAttempts, as verification does, and still sends the deprecated attemptsLeft with the same value', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    const withStepUp = { ...headers, 'verification-id': await grantStepUp(h.t, user.id) };
    const counts: Array<[unknown, unknown]> = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await confirm(withStepUp, { enrollmentId: enrollment.enrollmentId, code: wrongCode(enrollment.secret, clock.now()) });
      const problem = expectProblem(res, 422, 'mfa.invalid_code');
      counts.push([problem.remainingAttempts, problem.attemptsLeft]);
    }
    expect(counts).toEqual([
      [4, 4],
      [3, 3],
      [2, 2],
      [1, 1],
      [0, 0],
    ]);
  });

  it('expires after 10 minutes: 410 mfa.enrollment_expired, nothing bound', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    clock.advance(TEN_MINUTES);
    const before = h.emu.stateDigest();
    const res = await confirm(
      { ...headers, 'verification-id': await grantStepUp(h.t, user.id) },
      { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now()) },
    );
    expectProblem(res, 410, 'mfa.enrollment_expired');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('is still good one second before it expires', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    clock.advance(TEN_MINUTES - 1000);
    const res = await confirm(
      { ...headers, 'verification-id': await grantStepUp(h.t, user.id) },
      { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now()) },
    );
    expect(res.statusCode).toBe(201);
    expect(totpOf(user.id)).toEqual([expect.objectContaining({ id: res.json().id, key: enrollment.secret })]);
  });

  it("treats an unknown enrollment, another user's and a replaced one alike: 410", async () => {
    const ada = await newUser();
    const bob = await newUser({ username: 'bob', password: 'pw' });
    const adas = await startEnrollment(ada.headers);
    const bobStepUp = { ...bob.headers, 'verification-id': await grantStepUp(h.t, bob.user.id) };
    const before = h.emu.stateDigest();

    const foreign = await confirm(bobStepUp, { enrollmentId: adas.enrollmentId, code: totpCode(adas.secret, clock.now()) });
    expectProblem(foreign, 410, 'mfa.enrollment_expired');
    const unknown = await confirm(bobStepUp, { enrollmentId: 'A'.repeat(43), code: '123456' });
    expectProblem(unknown, 410, 'mfa.enrollment_expired');

    const first = await startEnrollment(bob.headers);
    const second = await startEnrollment(bob.headers);
    const replaced = await confirm(bobStepUp, { enrollmentId: first.enrollmentId, code: totpCode(first.secret, clock.now()) });
    expectProblem(replaced, 410, 'mfa.enrollment_expired');
    expect(h.emu.stateDigest()).toBe(before);
    expect(second.secret).not.toBe(first.secret);

    // Ada's own enrollment was not used up by Bob's attempt.
    const own = await confirm(
      { ...ada.headers, 'verification-id': await grantStepUp(h.t, ada.user.id) },
      { enrollmentId: adas.enrollmentId, code: totpCode(adas.secret, clock.now()) },
    );
    expect(own.statusCode).toBe(201);
    expect(totpOf(ada.user.id)).toEqual([expect.objectContaining({ id: own.json().id, key: adas.secret })]);
  });

  it('refuses a second authenticator app: 409 mfa.already_enrolled at start and at confirmation', async () => {
    const enrolled = await newUser();
    h.emu.addMfaVerification(enrolled.user.id, { type: 'Totp' });
    const before = h.emu.stateDigest();
    expectProblem(await start(enrolled.headers), 409, 'mfa.already_enrolled');
    expect(h.emu.stateDigest()).toBe(before);

    // Bound elsewhere (e.g. Logto's console) between start and confirmation.
    const racing = await newUser();
    const enrollment = await startEnrollment(racing.headers);
    const bound = h.emu.addMfaVerification(racing.user.id, { type: 'Totp' });
    const res = await confirm(
      { ...racing.headers, 'verification-id': await grantStepUp(h.t, racing.user.id) },
      { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now()) },
    );
    expectProblem(res, 409, 'mfa.already_enrolled');
    expect(totpOf(racing.user.id)).toEqual([expect.objectContaining({ id: bound.id, key: bound.key })]);
  });

  it('does not enroll the same secret twice: a used enrollment is gone', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    const withStepUp = { ...headers, 'verification-id': await grantStepUp(h.t, user.id) };
    const body = { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now()) };
    const bound = await confirm(withStepUp, body);
    expect(bound.statusCode).toBe(201);
    expect(totpOf(user.id)).toEqual([expect.objectContaining({ id: bound.json().id, key: enrollment.secret })]);
    // The factor exists now, so the already-enrolled check answers first; remove it to see the enrollment is spent.
    h.emu.state.mfaVerifications.set(user.id, []);
    const before = h.emu.stateDigest();
    expectProblem(await confirm(withStepUp, body), 410, 'mfa.enrollment_expired');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('needs step-up to bind: 403 verification.required with the methods, nothing bound and no try used', async () => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    const before = h.emu.stateDigest();
    const res = await confirm(headers, { enrollmentId: enrollment.enrollmentId, code: wrongCode(enrollment.secret, clock.now()) });
    expect(expectProblem(res, 403, 'verification.required').methods).toEqual(['password', 'email']);
    expect(h.emu.stateDigest()).toBe(before);
    const withStepUp = { ...headers, 'verification-id': await grantStepUp(h.t, user.id) };
    const wrong = await confirm(withStepUp, { enrollmentId: enrollment.enrollmentId, code: wrongCode(enrollment.secret, clock.now()) });
    expect(expectProblem(wrong, 422, 'mfa.invalid_code').attemptsLeft).toBe(4);
  });

  it.each([
    ['a code that is not 6 digits', { code: '12345a' }],
    ['a missing code', { code: undefined }],
    ['a malformed enrollment id', { enrollmentId: 'not an id!' }],
    ['an unknown field', { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }],
  ])('answers 400 request.validation_failed for %s, changing nothing', async (_name, patch) => {
    const { user, headers } = await newUser();
    const enrollment = await startEnrollment(headers);
    const before = h.emu.stateDigest();
    const res = await confirm(
      { ...headers, 'verification-id': await grantStepUp(h.t, user.id) },
      { enrollmentId: enrollment.enrollmentId, code: totpCode(enrollment.secret, clock.now()), ...patch },
    );
    expectProblem(res, 400, 'request.validation_failed');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('needs the write scope to start an enrollment', async () => {
    const user = h.emu.seedUser({ primaryEmail: 'reader@example.com' });
    const token = await h.emu.mintUserToken({ sub: user.id, scopes: ['account:read'], audience: TEST_AUDIENCE, ttlSeconds: 86_400 });
    expectProblem(await start(bearer(token)), 403, 'auth.insufficient_scope');
  });
});
