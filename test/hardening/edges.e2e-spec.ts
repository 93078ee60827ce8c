/**
 * Wrong answers at the edges (issue #18, item 10): unknown paths with CORS on, trailing slashes, OPTIONS
 * without Origin, headers too large, content types other than JSON, prototype keys in bodies, HEAD on the
 * rate-limited export. Each answer is problem+json (or the route's own answer) and changes nothing.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { bearer, expectProblem, grantStepUp, tokenFor, useEmulatorApp } from '../support/test-app.js';

const ORIGIN = 'https://app.example.com';
const SCHEMA = 'demo/custom-data.schema.json';

/** Sends raw bytes over a real socket (inject cannot overflow Node's header parser) and returns what came back. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => (chunks.length > 0 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(error)));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.write(request);
  });
}

function parseRawResponse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') };
}

describe('edges with CORS_ORIGINS set', () => {
  const h = useEmulatorApp({ env: { CORS_ORIGINS: ORIGIN } });
  let token: string;

  beforeAll(async () => {
    token = await tokenFor(h.emu, h.emu.seedUser({ username: 'cors_edge_user', name: 'Edge' }).id);
  });

  it.each([
    ['GET', '/nope'],
    ['POST', '/nope/deeper'],
    ['DELETE', '/me-not'],
  ])('answers %s %s, a path that exists nowhere, with 404 and no Allow header', async (method, url) => {
    const res = await h.t.inject({ method: method as 'GET', url, headers: bearer(token, { origin: ORIGIN }) });
    expectProblem(res, 404, 'request.not_found');
    expect(res.headers.allow).toBeUndefined();
  });

  it('still answers a wrong method on a real path with 405 and the methods the route serves', async () => {
    const res = await h.t.inject({ method: 'PUT', url: '/me', headers: bearer(token) });
    expectProblem(res, 405, 'request.method_not_allowed');
    expect(res.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
  });

  it('answers OPTIONS without Origin like a server without CORS: 405 with Allow on a route, 404 elsewhere', async () => {
    const onRoute = await h.t.inject({ method: 'OPTIONS', url: '/me' });
    expectProblem(onRoute, 405, 'request.method_not_allowed');
    expect(onRoute.headers.allow).toBe('DELETE, GET, HEAD, PATCH');

    const nowhere = await h.t.inject({ method: 'OPTIONS', url: '/nope' });
    expectProblem(nowhere, 404, 'request.not_found');

    // An Origin without Access-Control-Request-Method is not a preflight either.
    const notPreflight = await h.t.inject({ method: 'OPTIONS', url: '/me', headers: { origin: ORIGIN } });
    expectProblem(notPreflight, 405, 'request.method_not_allowed');
  });

  it('still answers a real preflight with 204 and the CORS headers', async () => {
    const res = await h.t.inject({
      method: 'OPTIONS',
      url: '/me',
      headers: { origin: ORIGIN, 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(res.headers['access-control-allow-methods'])).toContain('PATCH');
  });

  it('answers GET /me/ like GET /me', async () => {
    const plain = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
    const slash = await h.t.inject({ method: 'GET', url: '/me/', headers: bearer(token) });
    expect(plain.statusCode).toBe(200);
    expect(slash.statusCode).toBe(200);
    expect(slash.json()).toEqual(plain.json());
    expect(slash.headers.etag).toBe(plain.headers.etag);
  });
});

describe('edges without CORS', () => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: SCHEMA } });
  let userId: string;
  let token: string;

  beforeAll(async () => {
    userId = h.emu.seedUser({ username: 'edge_user', name: 'Edge', customData: { theme: 'light', internal: 'private' } }).id;
    token = await tokenFor(h.emu, userId);
  });

  it('answers GET /me/ and GET /me/sessions/ like the routes without the slash, and still guards them', async () => {
    for (const url of ['/me/', '/me/sessions/', '/me/custom-data/']) {
      const withSlash = await h.t.inject({ method: 'GET', url, headers: bearer(token) });
      const without = await h.t.inject({ method: 'GET', url: url.slice(0, -1), headers: bearer(token) });
      expect([url, withSlash.statusCode]).toEqual([url, 200]);
      expect(withSlash.json()).toEqual(without.json());
      expectProblem(await h.t.inject({ method: 'GET', url }), 401, 'auth.token_missing');
    }
  });

  it('answers OPTIONS with 405 and Allow (problem+json)', async () => {
    const res = await h.t.inject({ method: 'OPTIONS', url: '/me' });
    expectProblem(res, 405, 'request.method_not_allowed');
    expect(res.headers.allow).toBe('DELETE, GET, HEAD, PATCH');
  });

  it.each([
    ['application/x-www-form-urlencoded', 'name=Mallory'],
    ['text/plain', '{"name":"Mallory"}'],
    ['multipart/form-data; boundary=xyz', '--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nMallory\r\n--xyz--'],
    ['application/xml', '<name>Mallory</name>'],
    ['application/octet-stream', '{"name":"Mallory"}'],
    ['application/json-patch+json', '[{"op":"replace","path":"/name","value":"Mallory"}]'],
    ['application/vnd.api+json', '{"name":"Mallory"}'],
  ])('answers PATCH /me with %s with 415 and changes nothing', async (contentType, payload) => {
    const before = h.emu.stateDigest();
    const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(token, { 'content-type': contentType }), payload });
    expectProblem(res, 415, 'request.unsupported_media_type');
    expect(h.emu.stateDigest()).toBe(before);
    expect(h.emu.state.users.get(userId)?.name).toBe('Edge');
  });

  it('accepts merge-patch JSON only where it is documented (the PATCH routes)', async () => {
    const documented = await h.t.inject({
      method: 'PATCH',
      url: '/me/profile',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json' }),
      payload: { nickname: 'edgy' },
    });
    expect(documented.statusCode).toBe(200);

    const before = h.emu.stateDigest();
    const undocumented = await h.t.inject({
      method: 'POST',
      url: '/me/verifications/password',
      headers: bearer(token, { 'content-type': 'application/merge-patch+json' }),
      payload: { password: 'whatever-123' },
    });
    expectProblem(undocumented, 415, 'request.unsupported_media_type');
    expect(h.emu.stateDigest()).toBe(before);
  });

  describe('prototype keys', () => {
    it.each([
      ['application/json', '{"__proto__":{"theme":"dark"}}', '__proto__'],
      ['application/merge-patch+json', '{"__proto__":{"theme":"dark"}}', '__proto__'],
      ['application/json', '{"theme":"dark","constructor":{"prototype":{"polluted":true}}}', 'constructor'],
      ['application/json', '{"preferences":{"__proto__":{"digest":"daily"}}}', 'preferences.__proto__'],
      ['application/json', '{"\\u005f_proto__":{"theme":"dark"}}', '__proto__'],
    ])('answers PATCH /me/custom-data (%s) %s with custom_data.forbidden_key', async (contentType, payload, key) => {
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(token, { 'content-type': contentType }), payload });
      const body = expectProblem(res, 400, 'custom_data.forbidden_key');
      expect(body.detail).toContain(key);
      expect(h.emu.stateDigest()).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([
      ['PATCH', '/me', '{"__proto__":{"name":"Mallory"}}'],
      ['PATCH', '/me', '{"name":"Ok","constructor":{"name":"Mallory"}}'],
      ['PATCH', '/me/profile', '{"address":{"__proto__":{"country":"XX"}}}'],
      ['PATCH', '/me/profile', '{"prototype":{"nickname":"Mallory"}}'],
    ])('answers %s %s with a prototype key %s with 400 before any change', async (method, url, payload) => {
      const before = h.emu.stateDigest();
      const res = await h.t.inject({ method: method as 'PATCH', url, headers: bearer(token, { 'content-type': 'application/json' }), payload });
      const body = expectProblem(res, 400, 'request.validation_failed');
      expect(JSON.stringify(body.errors)).toMatch(/__proto__|constructor|prototype/);
      expect(h.emu.stateDigest()).toBe(before);
      expect(h.emu.state.users.get(userId)?.name).toBe('Edge');
    });

    it('never passes a constructor key in free-form connector data on to Logto', async () => {
      const verificationId = await grantStepUp(h.t, userId);
      const calls = h.emu.counters.managementCalls;
      const res = await h.t.inject({
        method: 'POST',
        url: '/me/identities/social',
        headers: bearer(token, { 'content-type': 'application/json', 'verification-id': verificationId }),
        payload: JSON.stringify({
          connectorId: h.emu.connectorIds.socialConnectorId,
          connectorData: { code: 'provider-code-1', userId: 'social-proto-1', email: 'proto@example.test', constructor: { name: 'x' } },
        }),
      });
      const body = expectProblem(res, 400, 'request.validation_failed');
      expect(JSON.stringify(body.errors)).toContain('connectorData.constructor');
      expect(h.emu.counters.managementCalls).toBe(calls);
    });
  });

  describe('HEAD /me/export', () => {
    it('answers with the export headers without using up the once-per-10-minutes export', async () => {
      const id = h.emu.seedUser({ username: 'head_exporter' }).id;
      const exporter = await tokenFor(h.emu, id);
      // The account check reads the user once and caches its status; what is counted below is the export's work.
      expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(exporter) })).statusCode).toBe(200);
      const calls = h.emu.counters.managementCalls;
      for (let i = 0; i < 3; i += 1) {
        const head = await h.t.inject({ method: 'HEAD', url: '/me/export', headers: bearer(exporter) });
        expect(head.statusCode).toBe(200);
        expect(head.headers['content-disposition']).toBe(`attachment; filename="account-export-${id}.json"`);
        expect(head.headers['cache-control']).toBe('no-store');
        expect(head.body).toBe('');
      }
      expect(h.emu.counters.managementCalls).toBe(calls);

      const get = await h.t.inject({ method: 'GET', url: '/me/export', headers: bearer(exporter) });
      expect(get.statusCode).toBe(200);

      // After the export, HEAD tells the client when the next one is possible, still without using anything.
      const after = await h.t.inject({ method: 'HEAD', url: '/me/export', headers: bearer(exporter) });
      expect(after.statusCode).toBe(429);
      expect(Number(after.headers['retry-after'])).toBeGreaterThan(0);
      expect(after.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('headers too large (a real socket)', () => {
    let port: number;
    beforeAll(async () => {
      await h.t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (h.t.app.getHttpServer().address() as AddressInfo).port;
    });

    it('answers 431 with problem+json', async () => {
      const raw = await rawExchange(port, `GET /me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ${'x'.repeat(20_000)}\r\n\r\n`);
      const res = parseRawResponse(raw);
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['cache-control']).toBe('no-store');
      const body = JSON.parse(res.body) as Record<string, unknown>;
      expect(body).toMatchObject({ status: 431, code: 'request.header_too_large', type: expect.stringContaining('request.header_too_large') });
      expect(body.requestId).toBe(res.headers['x-request-id']);
      expect(res.body).not.toContain('xxxxxxxx');
    });

    it('answers a request that is not HTTP with a 400 problem+json', async () => {
      const res = parseRawResponse(await rawExchange(port, 'NOT HTTP AT ALL\r\n\r\n'));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ status: 400, code: 'request.validation_failed' });
    });
  });
});
