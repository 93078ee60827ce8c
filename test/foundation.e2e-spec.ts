import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { installGracefulShutdown } from '../src/common/shutdown.js';
import { createLogger } from '../src/common/logging/logger.js';
import { expectProblem, startTestApp, type TestApp } from './support/test-app.js';
import { slowRoute, TestRoutesModule } from './support/test-routes.module.js';

describe('HTTP foundation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ imports: [TestRoutesModule], env: { BODY_LIMIT_BYTES: '2048' } });
  });
  afterAll(() => t.close());

  describe('problem+json for every error', () => {
    it('renders an unknown route as 404 request.not_found', async () => {
      const res = await t.inject({ method: 'GET', url: '/nope?token=abc' });
      const body = expectProblem(res, 404, 'request.not_found');
      expect(body.instance).toBe('/nope');
      expect(JSON.stringify(body)).not.toContain('token=abc');
    });

    it('names a parameterized route by its template, so a path secret is never echoed', async () => {
      const res = await t.inject({ method: 'GET', url: '/test/secret/s3cr3t-verification-id' });
      const body = expectProblem(res, 410, 'verification.expired');
      expect(body.instance).toBe('/test/secret/{value}');
      expect(res.body).not.toContain('s3cr3t');
    });

    it('renders a wrong method as 405 with Allow', async () => {
      const res = await t.inject({ method: 'DELETE', url: '/test/echo' });
      expectProblem(res, 405, 'request.method_not_allowed');
      expect(res.headers.allow).toBe('PATCH, POST');
    });

    it('renders malformed JSON as 400 request.malformed_body', async () => {
      const res = await t.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'application/json' }, payload: '{"name": ' });
      expectProblem(res, 400, 'request.malformed_body');
    });

    it('renders validation failures with field errors, and rejects unknown fields', async () => {
      const res = await t.inject({ method: 'POST', url: '/test/echo', payload: { name: 'much too long a name', extra: 1 } });
      const body = expectProblem(res, 400, 'request.validation_failed');
      expect(body.errors).toEqual(
        expect.arrayContaining([
          { field: 'name', message: expect.stringContaining('10') },
          { field: 'extra', message: expect.stringContaining('should not exist') },
        ]),
      );
    });

    it('renders a body over BODY_LIMIT_BYTES as 413', async () => {
      const res = await t.inject({ method: 'POST', url: '/test/echo', payload: { name: 'x', password: 'p'.repeat(4096) } });
      expectProblem(res, 413, 'request.body_too_large');
    });

    it('renders an unsupported content type as 415', async () => {
      const res = await t.inject({ method: 'POST', url: '/test/echo', headers: { 'content-type': 'text/plain' }, payload: 'name=x' });
      expectProblem(res, 415, 'request.unsupported_media_type');
    });

    it('accepts application/merge-patch+json as JSON', async () => {
      const res = await t.inject({
        method: 'PATCH',
        url: '/test/echo',
        headers: { 'content-type': 'application/merge-patch+json' },
        payload: JSON.stringify({ name: 'merge' }),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ name: 'merge' });
    });

    it('rejects prototype-poisoning JSON bodies', async () => {
      const res = await t.inject({
        method: 'PATCH',
        url: '/test/echo',
        headers: { 'content-type': 'application/merge-patch+json' },
        payload: '{"name":"x","__proto__":{"admin":true}}',
      });
      expect(res.statusCode).toBe(400);
      expect(String(res.headers['content-type'])).toMatch(/problem\+json/);
    });

    it('renders a thrown error as a bare 500 and logs the internals', async () => {
      const res = await t.inject({ method: 'GET', url: '/test/boom' });
      const body = expectProblem(res, 500, 'internal');
      expect(res.body).not.toContain('hunter2');
      expect(res.body).not.toContain('stack');
      expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
      const logged = t.logLines().find((line) => line.requestId === body.requestId && line.err);
      expect(JSON.stringify(logged)).toContain('secret internal detail');
    });
  });

  describe('request ids', () => {
    it('echoes a sane X-Request-Id in the header and the problem body', async () => {
      const res = await t.inject({ method: 'GET', url: '/nope', headers: { 'x-request-id': 'client-Req_1.2' } });
      expect(res.headers['x-request-id']).toBe('client-Req_1.2');
      expect(res.json().requestId).toBe('client-Req_1.2');
    });

    it.each([['has spaces'], ['x'.repeat(129)], ['<script>'], ['']])('replaces an unusable X-Request-Id (%j)', async (given) => {
      const res = await t.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': given } });
      expect(res.headers['x-request-id']).not.toBe(given);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('generates distinct ids when none is sent', async () => {
      const a = await t.inject({ method: 'GET', url: '/health/live' });
      const b = await t.inject({ method: 'GET', url: '/health/live' });
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });
  });

  describe('logging', () => {
    it('writes one line per request with method, route, status, duration and request id', async () => {
      const res = await t.inject({ method: 'POST', url: '/test/echo', payload: { name: 'ok' }, headers: { 'x-request-id': 'log-line-1' } });
      expect(res.statusCode).toBe(201);
      const lines = t.logLines().filter((line) => line.requestId === 'log-line-1' && line.msg === 'request');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ method: 'POST', route: '/test/echo', status: 201, durationMs: expect.any(Number) });
    });

    it('never logs an Authorization header, a cookie or a password, even when code logs the whole request', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/test/careless-log',
        headers: { authorization: 'Bearer eyJhbGciOiJFUzM4NCJ9.c2VjcmV0LXRva2Vu.sig', cookie: 'session=cookie-secret-value' },
        payload: { name: 'carla', password: 'correct horse battery staple' },
      });
      expect(res.statusCode).toBe(201);
      const logs = t.logs();
      expect(logs).toContain('careless log of a request');
      expect(logs).toContain('carla');
      expect(logs).not.toContain('c2VjcmV0LXRva2Vu');
      expect(logs).not.toContain('cookie-secret-value');
      expect(logs).not.toContain('correct horse battery staple');
    });

    it('keeps health checks out of the info log', async () => {
      await t.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'quiet-health' } });
      expect(t.logLines().some((line) => line.requestId === 'quiet-health')).toBe(false);
    });
  });

  describe('security headers, health and docs', () => {
    /** What helmet 8 sets with CSP and COEP left out (they would break Swagger UI's page), plus our API policy. */
    const SECURITY_HEADERS = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-frame-options': 'SAMEORIGIN',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };

    it.each([
      ['a 200', 'GET', '/health/live', 200],
      ['a 404 for an unknown route', 'GET', '/nope', 404],
      ['a 405', 'DELETE', '/test/echo', 405],
      ['a 401 from the access-token guard', 'GET', '/me', 401],
      ['a 400 for a malformed body', 'POST', '/test/echo', 400],
      ['a 400 for a URL the router cannot decode (answered before any hook runs)', 'GET', '/test/secret/%ZZ', 400],
    ] as const)('sets the security headers and the strict API policy on %s', async (_what, method, url, status) => {
      const body = method === 'POST' ? { headers: { 'content-type': 'application/json' }, payload: '{"name": ' } : {};
      const res = await t.inject({ method, url, ...body });
      expect(res.statusCode).toBe(status);
      expect(res.headers).toMatchObject({ ...SECURITY_HEADERS, 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" });
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    });

    it('sets the same headers on Swagger UI, without a policy that would block its inline scripts', async () => {
      for (const url of ['/docs', '/docs/openapi.json']) {
        const res = await t.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.headers).toMatchObject(SECURITY_HEADERS);
        expect(res.headers['content-security-policy']).toBeUndefined();
      }
    });

    it('keeps the strict policy on paths that only start like /docs', async () => {
      const res = await t.inject({ method: 'GET', url: '/docsx' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    });

    it('answers liveness without a token', async () => {
      const res = await t.inject({ method: 'GET', url: '/health/live' });
      expect(res.statusCode).toBe(200);
      // Build info (issue #22): the version from package.json, the commit the image was built from (GIT_COMMIT).
      expect(res.json()).toEqual({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), commit: expect.stringMatching(/^([0-9a-f]{7,40}|unknown)$/) });
    });

    it('reports readiness 503 naming Logto when Logto is unreachable', async () => {
      const res = await t.inject({ method: 'GET', url: '/health/ready' });
      const body = expectProblem(res, 503, 'health.unavailable');
      expect(body.checks).toEqual({ logto: 'down', managementApi: 'down' });
    });

    it('serves Swagger UI and the document with a bearer scheme', async () => {
      const ui = await t.inject({ method: 'GET', url: '/docs' });
      expect(ui.statusCode).toBe(200);
      expect(ui.body).toContain('swagger');
      expect(ui.headers['content-security-policy']).toBeUndefined();
      const json = await t.inject({ method: 'GET', url: '/docs/openapi.json' });
      expect(json.json().components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const yaml = await t.inject({ method: 'GET', url: '/docs/openapi.yaml' });
      expect(yaml.body).toContain('openapi: 3');
    });
  });
});

describe('CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });
  });
  afterAll(() => t.close());

  it('answers a preflight from an allowed origin', async () => {
    const res = await t.inject({
      method: 'OPTIONS',
      url: '/health/live',
      headers: { origin: 'https://app.example.com', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization,if-match' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(String(res.headers['access-control-allow-headers'])).toContain('if-match');
  });

  it('lets a browser client read the headers it acts on, Date included (verification expiry on a skewed device clock)', async () => {
    const res = await t.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://app.example.com' } });
    const exposed = String(res.headers['access-control-expose-headers']).split(',').map((h) => h.trim().toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['date', 'retry-after', 'x-request-id', 'etag', 'idempotent-replayed']));
  });

  it('gives no CORS grant to other origins', async () => {
    const res = await t.inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://evil.example.net' } });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('graceful shutdown', () => {
  it('finishes an in-flight request, refuses new connections, then exits 0', async () => {
    const t = await startTestApp({ imports: [TestRoutesModule] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const signals = new EventEmitter();
    const exits: number[] = [];
    installGracefulShutdown(t.app, { timeoutMs: 5000, logger: createLogger({ level: 'silent' }), signals, exit: (code) => exits.push(code) });

    const before = slowRoute.started;
    const inFlight = get(port, '/test/slow');
    await waitFor(() => slowRoute.started > before, 5000);
    signals.emit('SIGTERM');

    const response = await inFlight;
    expect(response).toEqual({ status: 200, body: '{"done":true}' });
    await waitFor(() => exits.length > 0, 5000);
    expect(exits).toEqual([0]);
    await expect(get(port, '/health/live')).rejects.toThrow(/ECONNREFUSED|ECONNRESET/);
  });

  it('exits 1 when draining exceeds the timeout', async () => {
    const t = await startTestApp({ imports: [TestRoutesModule] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    const signals = new EventEmitter();
    const exits: number[] = [];
    installGracefulShutdown(t.app, { timeoutMs: 50, logger: createLogger({ level: 'silent' }), signals, exit: (code) => exits.push(code) });
    const before = slowRoute.started;
    const inFlight = get(port, '/test/slow');
    await waitFor(() => slowRoute.started > before, 5000);
    signals.emit('SIGINT');
    await waitFor(() => exits.length > 0, 5000);
    expect(exits).toEqual([1]);
    await inFlight.catch(() => undefined);
    await t.close().catch(() => undefined);
  });
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
