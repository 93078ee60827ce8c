/**
 * Hostile access tokens, table-driven (issue #11). The basic cases (alg none, HS256 with the public key, an
 * unknown key, tampering, expiry, nbf, issuer, audience, subject, typ, size) are in
 * test/access/guard.e2e-spec.ts; this file covers the rest. Every rejected token: 401 auth.token_invalid and
 * the Management API untouched (no call at all, nothing changed).
 */
import { exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { bearer, expectProblem, grantStepUp, READ_WRITE_SCOPES, TEST_AUDIENCE, useEmulatorApp } from '../support/test-app.js';
import { seedRichAccount, type RichAccount } from './hardening-support.js';

const SCOPE = READ_WRITE_SCOPES.join(' ');

describe('token attacks', () => {
  const h = useEmulatorApp({ env: { JWKS_COOLDOWN_SECONDS: '0' } });
  let alice: RichAccount;
  let bob: RichAccount;
  let attacker: { privateKey: CryptoKey; jwk: JWK; kid: string };
  /** An "attacker-controlled" JWKS / certificate server; it must never be asked for anything. */
  let evil: Server;
  let evilUrl: string;
  const evilRequests: string[] = [];

  beforeAll(async () => {
    alice = await seedRichAccount(h.emu);
    bob = await seedRichAccount(h.emu);
    h.emu.linkSocialIdentity(bob.userId, 'github', { userId: 'bob-on-github', details: { id: 'bob-on-github' } });

    const pair = await generateKeyPair('ES384', { extractable: true });
    const { exportJWK } = await import('jose');
    attacker = { privateKey: pair.privateKey, jwk: { ...(await exportJWK(pair.publicKey)), kid: 'attacker-key', alg: 'ES384', use: 'sig' }, kid: 'attacker-key' };
    evil = createServer((req, res) => {
      evilRequests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [attacker.jwk] }));
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => evil.close(resolve));
  });

  /** Claims of a token that would be accepted if signed by Logto's current key. */
  const goodClaims = (extra: Record<string, unknown> = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return { sub: alice.userId, scope: SCOPE, client_id: 'attack-client', iss: h.emu.issuer, aud: TEST_AUDIENCE, iat: now, exp: now + 3600, jti: `j${now}${Math.random()}`, ...extra };
  };
  const signWith = (key: CryptoKey | Uint8Array, header: Record<string, unknown>, claims: Record<string, unknown>) =>
    new SignJWT(claims).setProtectedHeader({ typ: 'at+jwt', ...header } as never).sign(key);
  const logto = () => ({ key: h.emu.currentSigningKey().privateKey, kid: h.emu.currentSigningKey().kid });
  const raw = (header: Record<string, unknown>, claims: Record<string, unknown>, signature = '') =>
    `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;

  /** A compact JWS over exactly these header and claims, ES384 (WebCrypto's P1363 signature is JWS's format). */
  const signRaw = async (key: CryptoKey, header: Record<string, unknown>, claims: Record<string, unknown>) => {
    const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, key, new TextEncoder().encode(input));
    return `${input}.${Buffer.from(signature).toString('base64url')}`;
  };

  const rejected: Array<[string, () => Promise<string>]> = [
    ['alg "None" (other casing)', async () => raw({ alg: 'None', typ: 'at+jwt' }, goodClaims())],
    ['alg "NONE" with the real kid and a copied signature', async () => {
      const real = await h.emu.mintUserToken({ sub: alice.userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });
      return raw({ alg: 'NONE', typ: 'at+jwt', kid: logto().kid }, goodClaims(), real.split('.')[2]);
    }],
    ['HS384 signed with the public JWK', async () =>
      signWith(new TextEncoder().encode(JSON.stringify(h.emu.currentSigningKey().publicJwk)), { alg: 'HS384', kid: logto().kid }, goodClaims())],
    ['HS256 signed with the public key as PEM', async () => {
      const { importJWK } = await import('jose');
      const publicKey = (await importJWK(h.emu.currentSigningKey().publicJwk as JWK, 'ES384', { extractable: true })) as CryptoKey;
      return signWith(new TextEncoder().encode(await exportSPKI(publicKey)), { alg: 'HS256', kid: logto().kid }, goodClaims());
    }],
    ['a valid attacker signature claiming Logto\'s kid', async () => signWith(attacker.privateKey, { alg: 'ES384', kid: logto().kid }, goodClaims())],
    ['ES256 declared for Logto\'s ES384 key', async () => signWith(attacker.privateKey, { alg: 'ES256', kid: logto().kid }, goodClaims()).catch(async () =>
      raw({ alg: 'ES256', typ: 'at+jwt', kid: logto().kid }, goodClaims(), 'AAAA'))],
    ['kid with path characters, attacker key', async () => signWith(attacker.privateKey, { alg: 'ES384', kid: '../../etc/passwd' }, goodClaims())],
    ['kid with path characters, Logto\'s own key', async () => signWith(logto().key, { alg: 'ES384', kid: '../../../../etc/passwd%00' }, goodClaims())],
    ['jku pointing at an attacker JWKS, attacker key', async () => signWith(attacker.privateKey, { alg: 'ES384', kid: attacker.kid, jku: `${evilUrl}/jwks.json` }, goodClaims())],
    ['x5u pointing at an attacker certificate, attacker key', async () => signWith(attacker.privateKey, { alg: 'ES384', kid: attacker.kid, x5u: `${evilUrl}/cert.pem` }, goodClaims())],
    ['an embedded attacker jwk header', async () => signWith(attacker.privateKey, { alg: 'ES384', jwk: attacker.jwk }, goodClaims())],
    // RFC 7515 §4.1.11: a recipient that does not understand a critical extension must reject the JWS. jose's
    // SignJWT refuses to produce one, so it is signed by hand with Logto's real key.
    ['crit naming an extension nobody understands, signed by Logto', async () =>
      signRaw(logto().key, { alg: 'ES384', typ: 'at+jwt', kid: logto().kid, crit: ['urn:example:must-understand'], 'urn:example:must-understand': true }, goodClaims())],
    ['crit naming a header that is not there, signed by Logto', async () =>
      signRaw(logto().key, { alg: 'ES384', typ: 'at+jwt', kid: logto().kid, crit: ['exp'] }, goodClaims())],
    ['crit that is not an array, signed by Logto', async () => signRaw(logto().key, { alg: 'ES384', typ: 'at+jwt', kid: logto().kid, crit: 'b64' }, goodClaims())],
    ['aud missing', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ aud: undefined }))],
    ['aud an array without ours', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ aud: ['https://other.example', 'https://default.logto.app/api'] }))],
    ['aud Logto\'s Management API (an M2M-style token)', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ aud: h.emu.managementResource, scope: 'all' }))],
    ['sub missing', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ sub: undefined }))],
    ['sub a number', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ sub: 12345 }))],
    ['sub an object', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ sub: { id: alice.userId } }))],
    ['sub an array', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ sub: [alice.userId] }))],
    ['sub empty', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ sub: '' }))],
    ['exp a string', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ exp: 'never' }))],
    ['expired an hour ago', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ exp: Math.floor(Date.now() / 1000) - 3600 }))],
    ['nbf in a day', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ nbf: Math.floor(Date.now() / 1000) + 86_400 }))],
    ['iss with a trailing slash', async () => signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ iss: `${h.emu.issuer}/` }))],
    ['a JWE-shaped token (five parts)', async () => 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..aaaa.bbbb.cccc'],
    ['a header that is not JSON', async () => `${Buffer.from('{"alg":').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.sig`],
    ['a payload that is not JSON', async () => raw({ alg: 'ES384', typ: 'at+jwt', kid: logto().kid }, goodClaims()).replace(/\.[^.]*\./, `.${Buffer.from('[[[').toString('base64url')}.`)],
    ['non-ASCII garbage (Latin-1)', async () => 'ÿþý\u00a0é'.repeat(20)],
    ['two tokens', async () => `${await h.emu.mintUserToken({ sub: alice.userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE })} ${alice.token}`],
  ];

  it.each(rejected)('rejects %s with 401, without calling Logto', async (_name, make) => {
    const token = await make();
    const calls = h.emu.counters.managementCalls;
    const before = h.emu.stateDigest();
    for (const [method, url] of [['GET', '/me'], ['DELETE', '/me/sessions']] as const) {
      const res = await h.t.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
      expectProblem(res, 401, 'auth.token_invalid');
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    }
    expect(h.emu.counters.managementCalls).toBe(calls);
    expect(h.emu.stateDigest()).toBe(before);
    expect(evilRequests).toEqual([]);
  });

  // Dot segments survive encodeURIComponent: `..` as a user id turned GET /api/users/../organizations into the
  // tenant-wide GET /api/organizations. A subject outside Logto's id alphabet is refused before any call.
  it.each(['.', '..', 'a/b', '%2e%2e', '..%2F..', 'a b', 'x'.repeat(65), 'ünï'])(
    'refuses a token Logto signed whose sub is %j with 401, without calling Logto',
    async (sub) => {
      const token = await signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ sub }));
      const before = h.emu.stateDigest();
      const requests = h.emu.requests.length;
      for (const [method, url] of [['GET', '/me/organizations'], ['GET', '/me'], ['PATCH', '/me']] as const) {
        const res = await h.t.inject({ method, url, headers: bearer(token), ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}) });
        expectProblem(res, 401, 'auth.token_invalid');
        expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      }
      expect(h.emu.requests.slice(requests).filter((request) => request.url.startsWith('/api'))).toEqual([]);
      expect(h.emu.stateDigest()).toBe(before);
    },
  );

  it('accepts the ids Logto generates and the wider safe alphabet', async () => {
    for (const sub of ['abc123def456', 'a'.repeat(21), 'Legacy_Id-42']) {
      const user = h.emu.seedUser({ id: sub });
      const token = await signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ sub: user.id }));
      const res = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: sub });
    }
  });

  it('ignores jku and x5u on a token Logto really signed: it works, and the other server is never asked', async () => {
    for (const header of [{ jku: `${evilUrl}/jwks.json` }, { x5u: `${evilUrl}/cert.pem` }]) {
      const token = await signWith(logto().key, { alg: 'ES384', kid: logto().kid, ...header }, goodClaims());
      const res = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: alice.userId });
    }
    expect(evilRequests).toEqual([]);
  });

  it('accepts an aud array that contains ours (RFC 7519 §4.1.3), so the rejections above are about the claim', async () => {
    const token = await signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims({ aud: ['https://other.example', TEST_AUDIENCE] }));
    expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('rejects a token whose kid names a key Logto removed once the service has seen the new JWKS, without calling Logto', async () => {
    const old = logto();
    await h.emu.rotateSigningKey({ keepPrevious: true });
    h.emu.removeKey(old.kid);
    // The first token of the new key has a kid the service does not know: it refetches the JWKS
    // (JWKS_COOLDOWN_SECONDS=0 here), which no longer lists the old key.
    const current = await signWith(logto().key, { alg: 'ES384', kid: logto().kid }, goodClaims());
    expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(current) })).statusCode).toBe(200);
    // A token the service has not seen (so the verified-token cache cannot answer for it), signed by the removed key.
    const stale = await signWith(old.key, { alg: 'ES384', kid: old.kid }, goodClaims());
    const calls = h.emu.counters.managementCalls;
    expectProblem(await h.t.inject({ method: 'GET', url: '/me', headers: bearer(stale) }), 401, 'auth.token_invalid');
    expect(h.emu.counters.managementCalls).toBe(calls);
    // The accounts' own tokens were signed by the removed key too.
    for (const account of [alice, bob]) {
      account.token = await h.emu.mintUserToken({ sub: account.userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE });
    }
  });

  it('answers non-ASCII bytes in the Authorization header with 401 over a real socket', async () => {
    await h.t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.t.app.getHttpServer().address() as AddressInfo;
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(Buffer.concat([
          Buffer.from('GET /me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer '),
          Buffer.from('🔥ünïcødé\u0085', 'utf8'),
          Buffer.from([0xff, 0xfe, 0x80]),
          Buffer.from('\r\n\r\n'),
        ]));
      });
      let data = '';
      socket.setEncoding('latin1').on('data', (chunk: string) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    });
    expect(response).toMatch(/^HTTP\/1\.1 401 /);
    expect(response).toMatch(/content-type: application\/problem\+json/i);
  });

  describe("a token of user A aimed at user B's resources", () => {
    it.each([
      ['a session', (b: RichAccount) => ({ method: 'DELETE' as const, url: `/me/sessions/${b.sessionId}` })],
      ['a grant', (b: RichAccount) => ({ method: 'DELETE' as const, url: `/me/grants/${encodeURIComponent(b.grantId)}` })],
      ['a TOTP factor', (b: RichAccount) => ({ method: 'DELETE' as const, url: `/me/mfa/${b.totpFactorId}` })],
      ['a backup-code factor', (b: RichAccount) => ({ method: 'DELETE' as const, url: `/me/mfa/${b.backupCodeFactorId}` })],
      ['a social identity A does not have', () => ({ method: 'DELETE' as const, url: '/me/identities/social/github' })],
    ])('%s → 404, nothing changed', async (_name, target) => {
      const { method, url } = target(bob);
      const stepUp = await grantStepUp(h.t, alice.userId);
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method, url, headers: bearer(alice.token, { 'verification-id': stepUp }) });
      expect(res.statusCode).toBe(404);
      expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(h.emu.stateDigest()).toBe(before);
    });

    it("B's pending code verification: A gets exactly the answer for an unknown id, and B can still complete it", async () => {
      const started = await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: bearer(bob.token), payload: { channel: 'email' } });
      expect(started.statusCode).toBe(201);
      const { verificationId } = started.json() as { verificationId: string };
      const code = h.emu.lastCode(bob.email) as string;
      const before = h.emu.stateDigest();
      const stolen = await h.t.inject({ method: 'POST', url: `/me/verifications/${verificationId}/verify`, headers: bearer(alice.token), payload: { code } });
      // By design unknown, expired and other users' records all answer 410 verification.expired (no oracle).
      const unknown = await h.t.inject({ method: 'POST', url: `/me/verifications/${'x'.repeat(43)}/verify`, headers: bearer(alice.token), payload: { code } });
      expectProblem(stolen, 410, 'verification.expired');
      expect({ ...stolen.json(), requestId: null }).toEqual({ ...unknown.json(), requestId: null });
      expect(h.emu.stateDigest()).toBe(before);
      const own = await h.t.inject({ method: 'POST', url: `/me/verifications/${verificationId}/verify`, headers: bearer(bob.token), payload: { code } });
      expect(own.statusCode).toBe(200);
    });

    it("B's verified step-up used by A → 403 verification.required, nothing changed", async () => {
      const bobs = await grantStepUp(h.t, bob.userId);
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'DELETE', url: '/me/sessions', headers: bearer(alice.token, { 'verification-id': bobs }) });
      expectProblem(res, 403, 'verification.required');
      expect(h.emu.stateDigest()).toBe(before);
    });
  });
});
