import { generateKeyPair, SignJWT, type JWK } from 'jose';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectProblem, startEmulatorApp, TEST_AUDIENCE, useEmulatorApp, withEmulatorApp } from '../support/test-app.js';
import { TestRoutesModule } from '../support/test-routes.module.js';

const READ_WRITE = ['account:read', 'account:write'];

describe('access token guard', () => {
  const h = useEmulatorApp({ imports: [TestRoutesModule], env: { JWKS_COOLDOWN_SECONDS: '0' } });
  let userId: string;

  beforeAll(() => {
    userId = h.emu.seedUser({ username: 'guarded_user' }).id;
  });

  const whoami = (authorization?: string, method: 'GET' | 'POST' = 'GET') =>
    h.t.inject({ method, url: '/test/whoami', headers: authorization === undefined ? {} : { authorization } });

  it('accepts a valid Logto access token and takes the user id from it', async () => {
    const token = await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE });
    const res = await whoami(`Bearer ${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ userId, scopes: READ_WRITE, username: 'guarded_user' });
  });

  it('answers a missing token with 401 and a Bearer realm challenge', async () => {
    const res = await whoami();
    expectProblem(res, 401, 'auth.token_missing');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="account"');
  });

  describe('rejects every invalid token with 401 invalid_token, without echoing it', () => {
    const cases: Array<[string, () => Promise<string>]> = [
      ['malformed', async () => 'Bearer not-a-jwt'],
      ['a Basic credential', async () => 'Basic dXNlcjpwYXNz'],
      ['alg none', async () => `Bearer ${unsigned({ sub: userId, aud: TEST_AUDIENCE, iss: h.emu.issuer, scope: READ_WRITE.join(' ') })}`],
      [
        'HS256 signed with the public key',
        async () => {
          const jwk = h.emu.currentSigningKey().publicJwk as JWK;
          const secret = new TextEncoder().encode(JSON.stringify(jwk));
          const token = await new SignJWT({ scope: READ_WRITE.join(' ') })
            .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: h.emu.currentSigningKey().kid })
            .setSubject(userId)
            .setIssuer(h.emu.issuer)
            .setAudience(TEST_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(secret);
          return `Bearer ${token}`;
        },
      ],
      [
        'a key not in the JWKS',
        async () => {
          const { privateKey } = await generateKeyPair('ES384');
          const token = await new SignJWT({ scope: READ_WRITE.join(' ') })
            .setProtectedHeader({ alg: 'ES384', typ: 'at+jwt', kid: 'unknown-kid' })
            .setSubject(userId)
            .setIssuer(h.emu.issuer)
            .setAudience(TEST_AUDIENCE)
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(privateKey);
          return `Bearer ${token}`;
        },
      ],
      [
        'a tampered payload',
        async () => {
          const token = await h.emu.mintUserToken({ sub: userId, scopes: ['account:read'], audience: TEST_AUDIENCE });
          const [header, payload, signature] = token.split('.');
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
          claims.sub = 'someone-else';
          return `Bearer ${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
        },
      ],
      ['expired', async () => `Bearer ${await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE, ttlSeconds: -120 })}`],
      [
        'not yet valid',
        async () => `Bearer ${await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE, notBefore: Math.floor(Date.now() / 1000) + 600 })}`,
      ],
      ['from another issuer', async () => `Bearer ${await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE, issuer: 'https://evil.example/oidc' })}`],
      ['for another audience', async () => `Bearer ${await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: 'https://other-api.example' })}`],
      ['without a subject', async () => `Bearer ${await h.emu.mintUserToken({ omitSub: true, scopes: READ_WRITE, audience: TEST_AUDIENCE })}`],
      ['of the wrong type (an ID token)', async () => `Bearer ${await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE, header: { typ: 'JWT' } })}`],
      ['with a header over 8 KiB', async () => `Bearer ${'a'.repeat(9000)}`],
    ];

    it.each(cases)('%s', async (_name, make) => {
      const authorization = await make();
      const before = h.emu.stateDigest();
      const res = await whoami(authorization);
      const body = expectProblem(res, 401, 'auth.token_invalid');
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      const token = authorization.split(' ')[1];
      expect(JSON.stringify(body)).not.toContain(token.slice(0, 40));
      expect(h.emu.stateDigest()).toBe(before);
    });
  });

  it("leaves a header over Node's own limit to Node (431)", async () => {
    // inject() bypasses Node's HTTP parser: this needs a real socket.
    await h.t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = h.t.app.getHttpServer().address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/test/whoami', headers: { authorization: `Bearer ${'a'.repeat(100 * 1024)}` }, timeout: 5000 },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(431);
  });

  describe('scopes', () => {
    it('needs the read scope to read', async () => {
      const token = await h.emu.mintUserToken({ sub: userId, scopes: ['account:write'], audience: TEST_AUDIENCE });
      const res = await whoami(`Bearer ${token}`);
      expectProblem(res, 403, 'auth.insufficient_scope');
      expect(res.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="account:read"');
    });

    it('needs the write scope to write, and changes nothing without it', async () => {
      const token = await h.emu.mintUserToken({ sub: userId, scopes: ['account:read'], audience: TEST_AUDIENCE });
      const before = h.emu.stateDigest();
      const res = await whoami(`Bearer ${token}`, 'POST');
      expectProblem(res, 403, 'auth.insufficient_scope');
      expect(res.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="account:write"');
      expect(h.emu.stateDigest()).toBe(before);
    });

    it('checks the scope of a token already in the verified-token cache too', async () => {
      // The first request verifies the signature and caches the identity; the second is answered from the cache,
      // without a promise (TokenVerifier.verify), and must still be refused the scope it lacks.
      const token = await h.emu.mintUserToken({ sub: userId, scopes: ['account:read'], audience: TEST_AUDIENCE });
      expect((await whoami(`Bearer ${token}`)).statusCode).toBe(200);
      const before = h.emu.stateDigest();
      const res = await whoami(`Bearer ${token}`, 'POST');
      expectProblem(res, 403, 'auth.insufficient_scope');
      expect(res.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="account:write"');
      expect(h.emu.stateDigest()).toBe(before);
      expect((await whoami(`Bearer ${token}`)).json()).toMatchObject({ userId });
    });

    it('skips a scope check whose setting is empty', async () => {
      const open = (await startEmulatorApp({ emulator: h.emu, imports: [TestRoutesModule], env: { ACCOUNT_READ_SCOPE: '' } })).t;
      try {
        const token = await h.emu.mintUserToken({ sub: userId, scopes: [], audience: TEST_AUDIENCE });
        const res = await open.inject({ method: 'GET', url: '/test/whoami', headers: { authorization: `Bearer ${token}` } });
        expect(res.statusCode).toBe(200);
      } finally {
        await open.close();
      }
    });
  });

  describe('key rotation', () => {
    it('accepts a token signed by a newly rotated key without restart, and rejects one signed by a removed key', async () => {
      const oldKid = h.emu.currentSigningKey().kid;
      const oldToken = await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE, claims: { jti: 'old-key' } });
      await h.emu.rotateSigningKey({ keepPrevious: false });
      expect(h.emu.currentSigningKey().kid).not.toBe(oldKid);

      const newToken = await h.emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE });
      expect((await whoami(`Bearer ${newToken}`)).statusCode).toBe(200);

      const res = await whoami(`Bearer ${oldToken}`);
      expectProblem(res, 401, 'auth.token_invalid');
    });
  });
});

describe('JWKS refetch cooldown', () => {
  it('refetches the JWKS for an unknown kid at most once per cooldown', async () => {
    await withEmulatorApp({ imports: [TestRoutesModule], env: { JWKS_COOLDOWN_SECONDS: '30' } }, async ({ emu, t }) => {
      const userId = emu.seedUser({ username: 'cool_down' }).id;
      const good = await emu.mintUserToken({ sub: userId, scopes: READ_WRITE, audience: TEST_AUDIENCE });
      expect((await t.inject({ method: 'GET', url: '/test/whoami', headers: { authorization: `Bearer ${good}` } })).statusCode).toBe(200);
      const fetchesAfterWarmUp = emu.counters.jwksFetches;

      const { privateKey } = await generateKeyPair('ES384');
      for (let i = 0; i < 20; i += 1) {
        const forged = await new SignJWT({ scope: READ_WRITE.join(' ') })
          .setProtectedHeader({ alg: 'ES384', typ: 'at+jwt', kid: `forged-${i}` })
          .setSubject(userId)
          .setIssuer(emu.issuer)
          .setAudience(TEST_AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey);
        const res = await t.inject({ method: 'GET', url: '/test/whoami', headers: { authorization: `Bearer ${forged}` } });
        expect(res.statusCode).toBe(401);
      }
      expect(emu.counters.jwksFetches - fetchesAfterWarmUp).toBeLessThanOrEqual(1);
    });
  });
});

function unsigned(claims: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(JSON.stringify({ iat: now, exp: now + 3600, ...claims })).toString('base64url');
  return `${header}.${payload}.`;
}
