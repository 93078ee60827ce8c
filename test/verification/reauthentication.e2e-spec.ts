import { ManualClock } from '../../src/common/clock.js';
import { SignJWT, generateKeyPair } from 'jose';
import { expectProblem, auth, startEmulatorApp, type RunningEmulatorApp } from '../support/test-app.js';

const REAUTH_APP = 'reauth-spa-app';
const MAX_AGE = 300;

/**
 * Issue 18, item 8: POST /me/verifications/reauthentication with an ID token from a fresh sign-in. A user who
 * signed up with a social provider only (no password, email or phone) can then delete the account or set a password.
 */
describe('re-authentication step-up (ID token)', () => {
  let h: RunningEmulatorApp<ManualClock>;
  let social: string;
  let other: string;
  let token: string;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock(), env: { REAUTH_CLIENT_IDS: `${REAUTH_APP},another-app`, REAUTH_MAX_AGE_SECONDS: String(MAX_AGE) } });
    social = h.emu.seedUser({ username: null, primaryEmail: null, primaryPhone: null, name: 'Social Only' }).id;
    h.emu.linkSocialIdentity(social, 'mock-social', { userId: 'mock-social-user-7', details: { id: 'mock-social-user-7' } });
    other = h.emu.seedUser({ username: 'other', password: 'Other-Secret-88' }).id;
    token = await h.token(social);
  });

  afterEach(async () => {
    await h.close();
  });

  const nowSeconds = () => Math.floor(h.clock.now() / 1000);
  /** What Logto hands the app after a sign-in `secondsAgo` seconds ago. */
  const idToken = (options: { sub?: string; audience?: string; secondsAgo?: number; issuer?: string } = {}) =>
    h.emu.mintIdToken({
      sub: options.sub ?? social,
      audience: options.audience ?? REAUTH_APP,
      authTime: nowSeconds() - (options.secondsAgo ?? 5),
      issuedAt: nowSeconds() - (options.secondsAgo ?? 5),
      issuer: options.issuer,
    });
  const reauthenticate = (body: unknown, tk = token) =>
    h.t.inject({ method: 'POST', url: '/me/verifications/reauthentication', headers: auth(tk), payload: body as Record<string, unknown> });

  it('a social-only user is told how (methods, max_age), re-authenticates, and deletes the account', async () => {
    const refused = expectProblem(await h.t.inject({ method: 'DELETE', url: '/me', headers: auth(token) }), 403, 'verification.required');
    expect(refused.methods).toEqual(['reauthentication']);
    expect(refused.reauthentication).toEqual({ maxAge: MAX_AGE });

    const res = await reauthenticate({ idToken: await idToken() });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { verificationId: string; method: string; status: string; expiresAt: string };
    expect(body).toEqual({
      verificationId: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      method: 'reauthentication',
      status: 'verified',
      expiresAt: new Date(h.clock.now() + 600_000).toISOString(),
    });
    expect((await h.t.inject({ method: 'DELETE', url: '/me', headers: auth(token, body.verificationId) })).statusCode).toBe(204);
    expect(h.emu.state.users.has(social)).toBe(false);
  });

  it('a social-only user sets a first password after re-authentication', async () => {
    const { verificationId } = (await reauthenticate({ idToken: await idToken() })).json() as { verificationId: string };
    const res = await h.t.inject({ method: 'PUT', url: '/me/password', headers: auth(token, verificationId), payload: { password: 'Another-Strong-93' } });
    expect(res.statusCode).toBe(204);
    expect((await h.t.inject({ method: 'GET', url: '/me/password', headers: auth(token) })).json()).toMatchObject({ hasPassword: true });
  });

  it('accepts an ID token from any configured app', async () => {
    expect((await reauthenticate({ idToken: await idToken({ audience: 'another-app' }) })).statusCode).toBe(201);
  });

  it('refuses a token for another app, a sign-in older than REAUTH_MAX_AGE_SECONDS, another user, or another issuer', async () => {
    const cases: Array<[string, string]> = [
      ['other aud', await idToken({ audience: 'emulator-spa-app' })],
      ['old auth_time', await idToken({ secondsAgo: MAX_AGE + 120 })],
      ['other sub', await idToken({ sub: other })],
      ['other issuer', await idToken({ issuer: 'https://evil.example/oidc' })],
    ];
    for (const [name, candidate] of cases) {
      const res = await reauthenticate({ idToken: candidate });
      expect({ name, status: res.statusCode }).toEqual({ name, status: 422 });
      expectProblem(res, 422, 'verification.invalid_id_token');
    }
    const old = expectProblem(await reauthenticate({ idToken: await idToken({ secondsAgo: MAX_AGE + 120 }) }), 422, 'verification.invalid_id_token');
    expect(old.reauthentication).toEqual({ maxAge: MAX_AGE });
  });

  it('refuses an expired ID token', async () => {
    const candidate = await idToken();
    h.clock.advance(3700_000);
    expectProblem(await reauthenticate({ idToken: candidate }), 422, 'verification.invalid_id_token');
  });

  it('accepts each ID token once, also on a second attempt with a re-encoded signature', async () => {
    const candidate = await idToken();
    expect((await reauthenticate({ idToken: candidate })).statusCode).toBe(201);
    expectProblem(await reauthenticate({ idToken: candidate }), 422, 'verification.invalid_id_token');
    // ECDSA signatures are malleable: (r, n - s) is a second valid signature of the same claims, so "used once"
    // cannot be keyed on the token text.
    const twin = withMirroredSignature(candidate);
    expect(twin).not.toBe(candidate);
    expectProblem(await reauthenticate({ idToken: twin }), 422, 'verification.invalid_id_token');
    expect(h.t.logs()).toContain('a re-authentication ID token was offered again');
  });

  it('the mirrored signature is itself valid (control for the test above)', async () => {
    expect((await reauthenticate({ idToken: withMirroredSignature(await idToken()) })).statusCode).toBe(201);
  });

  it('refuses a token signed by a key that is not Logto’s, and an access token', async () => {
    const { privateKey } = await generateKeyPair('ES384');
    const now = nowSeconds();
    const forged = await new SignJWT({ sub: social, aud: REAUTH_APP, auth_time: now, iat: now, exp: now + 3600, iss: h.emu.issuer })
      .setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: h.emu.currentSigningKey().kid })
      .sign(privateKey);
    expectProblem(await reauthenticate({ idToken: forged }), 422, 'verification.invalid_id_token');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: social, aud: REAUTH_APP, auth_time: now, iat: now, exp: now + 3600, iss: h.emu.issuer }),
    ).toString('base64url')}.x`;
    expectProblem(await reauthenticate({ idToken: unsigned }), 422, 'verification.invalid_id_token');
    const accessToken = await h.emu.mintUserToken({ sub: social, audience: REAUTH_APP, claims: { auth_time: now } });
    expectProblem(await reauthenticate({ idToken: accessToken }), 422, 'verification.invalid_id_token');
  });

  it('rejects a body without a JWT with 400 and never echoes the token', async () => {
    expectProblem(await reauthenticate({}), 400, 'request.validation_failed');
    expectProblem(await reauthenticate({ idToken: 'not a jwt' }), 400, 'request.validation_failed');
    const candidate = await idToken({ sub: other });
    const res = await reauthenticate({ idToken: candidate });
    expect(res.body).not.toContain(candidate.split('.')[2]);
    expect(h.t.logs()).not.toContain(candidate.split('.')[2]);
  });
});

describe('re-authentication step-up when REAUTH_CLIENT_IDS is not set', () => {
  let h: RunningEmulatorApp<ManualClock>;

  beforeEach(async () => {
    h = await startEmulatorApp({ clock: new ManualClock() });
  });

  afterEach(async () => {
    await h.close();
  });

  it('answers 409 verification.method_unavailable and does not list the method', async () => {
    const user = h.emu.seedUser({ username: null, primaryEmail: null, primaryPhone: null }).id;
    const token = await h.token(user);
    const idToken = await h.emu.mintIdToken({ sub: user, audience: 'emulator-spa-app', authTime: Math.floor(h.clock.now() / 1000), issuedAt: Math.floor(h.clock.now() / 1000) });
    expectProblem(await h.t.inject({ method: 'POST', url: '/me/verifications/reauthentication', headers: auth(token), payload: { idToken } }), 409, 'verification.method_unavailable');
    const refused = expectProblem(await h.t.inject({ method: 'DELETE', url: '/me', headers: auth(token) }), 403, 'verification.required');
    expect(refused.methods).toEqual([]);
    expect(refused).not.toHaveProperty('reauthentication');
  });
});

/** Order of the P-384 group (ES384). */
const P384_ORDER = BigInt('0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973');

/** The same JWS with its ECDSA signature (r, s) replaced by (r, n - s). */
function withMirroredSignature(jws: string): string {
  const [header, payload, signature] = jws.split('.');
  const bytes = Buffer.from(signature!, 'base64url');
  const s = BigInt(`0x${bytes.subarray(48).toString('hex')}`);
  const mirrored = Buffer.from((P384_ORDER - s).toString(16).padStart(96, '0'), 'hex');
  return `${header}.${payload}.${Buffer.concat([bytes.subarray(0, 48), mirrored]).toString('base64url')}`;
}
