/**
 * Cache headers of personal answers (issue #18, item 13): every /me answer and every problem answers
 * `Cache-Control: no-store`, except an answer that offers an ETag, which is `private, no-cache` with
 * `Vary: Authorization`. Swept over every GET /me route of the app's own route table, so a new route is covered
 * the day it is added.
 */
import type { FastifyInstance } from 'fastify';
import { registeredRoutes } from '../../src/common/http/route-table.js';
import { expectedETag } from '../support/etag.js';
import { bearer, grantStepUp, useEmulatorApp } from '../support/test-app.js';
import { seedRichAccount, type RichAccount } from './hardening-support.js';

type Answer = { statusCode: number; headers: Record<string, unknown>; body: string };

function expectCacheHeaders(res: Answer, label: string): void {
  const cacheControl = String(res.headers['cache-control']);
  if (res.statusCode < 400 && res.headers.etag !== undefined) {
    expect({ label, cacheControl }).toEqual({ label, cacheControl: 'private, no-cache' });
    const vary = String(res.headers.vary ?? '').toLowerCase().split(',').map((field) => field.trim());
    expect({ label, vary }).toEqual({ label, vary: expect.arrayContaining(['authorization']) });
  } else {
    expect({ label, status: res.statusCode, cacheControl }).toEqual({ label, status: res.statusCode, cacheControl: 'no-store' });
  }
}

describe('cache headers on every personal answer', () => {
  const h = useEmulatorApp({
    env: { CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json', CORS_ORIGINS: 'https://app.example.test', RATE_LIMIT_PER_IP_PER_MINUTE: '100000' },
  });
  let routes: string[];
  let me: RichAccount;

  beforeAll(async () => {
    const fastify = h.t.app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
    routes = registeredRoutes(fastify)
      .filter((route) => route.methods.includes('GET') && (route.url === '/me' || route.url.startsWith('/me/')))
      .map((route) => route.url);
  });
  beforeEach(async () => {
    me = await seedRichAccount(h.emu);
  });
  afterEach(() => h.emu.clearFaults());

  async function urlOf(template: string): Promise<string> {
    const values: Record<string, string> = {
      sessionId: me.sessionId,
      grantId: me.grantId,
      factorId: me.totpFactorId,
      target: me.socialTarget,
      verificationId: await grantStepUp(h.t, me.userId),
    };
    return template.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => encodeURIComponent(values[name] ?? 'unknown'));
  }

  it('sweeps the GET /me routes of the route table', () => {
    expect(routes).toEqual(expect.arrayContaining(['/me', '/me/custom-data', '/me/sessions', '/me/export', '/me/activity']));
    expect(routes.length).toBeGreaterThanOrEqual(12);
  });

  it('every GET /me route: its answer, from another origin too', async () => {
    let withETag = 0;
    for (const template of routes) {
      const url = await urlOf(template);
      for (const extra of [{}, { origin: 'https://app.example.test' }] as Array<Record<string, string>>) {
        const res = await h.t.inject({ method: 'GET', url, headers: bearer(me.token, extra) });
        expect({ template, status: res.statusCode }).not.toEqual({ template, status: 500 });
        expectCacheHeaders(res, `GET ${template}`);
        if (res.headers.etag !== undefined && res.statusCode === 200) {
          withETag += 1;
          // CORS keeps its own Vary field next to ours.
          if ('origin' in extra) expect(String(res.headers.vary).toLowerCase()).toMatch(/origin/);
          const revalidated = await h.t.inject({ method: 'GET', url, headers: bearer(me.token, { 'if-none-match': String(res.headers.etag), ...extra }) });
          expect(revalidated.statusCode).toBe(304);
          expectCacheHeaders(revalidated, `GET ${template} (304)`);
        }
      }
    }
    // The ETag branch is exercised (GET /me and GET /me/custom-data offer one).
    expect(withETag).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['without a token (401)', () => ({})],
    ['with a malformed token (401)', () => ({ authorization: 'Bearer not-a-jwt' })],
  ])('every GET /me route, %s: a no-store problem', async (_name, headers) => {
    for (const template of routes) {
      const res = await h.t.inject({ method: 'GET', url: await urlOf(template), headers: headers() });
      expect(res.statusCode).toBe(401);
      expectCacheHeaders(res, `GET ${template}`);
    }
  });

  it('writes, their problems and unknown /me paths are no-store too', async () => {
    const answers: Array<[string, Answer]> = [
      ['PATCH /me (ETag)', await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(me.token), payload: { name: 'Cached Not' } })],
      ['PATCH /me/custom-data (ETag)', await h.t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(me.token), payload: { theme: 'dark' } })],
      ['PATCH /me with a wrong If-Match (412)', await h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(me.token, { 'if-match': '"stale"' }), payload: { name: 'X' } })],
      ['DELETE /me/sessions/{id} (204)', await h.t.inject({ method: 'DELETE', url: `/me/sessions/${me.sessionId}`, headers: bearer(me.token) })],
      ['PUT /me/password without step-up (403)', await h.t.inject({ method: 'PUT', url: '/me/password', headers: bearer(me.token), payload: { password: 'An0ther-Passw0rd!' } })],
      ['GET /me/unknown (404)', await h.t.inject({ method: 'GET', url: '/me/unknown', headers: bearer(me.token) })],
    ];
    for (const [label, res] of answers) {
      expect({ label, status: res.statusCode }).not.toEqual({ label, status: 500 });
      expectCacheHeaders(res, label);
    }
    // The writes that answer a representation carry its ETag: the hash of the body sent, not just any value.
    for (const [, res] of answers.slice(0, 2)) {
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(expectedETag(res.body));
    }
  });

  // Last: the failures open the circuit breaker for the rest of the file.
  it('every GET /me route, when Logto fails: a no-store problem', async () => {
    h.emu.setFault({ match: '/api/', status: 500 });
    for (const template of routes) {
      const res = await h.t.inject({ method: 'GET', url: await urlOf(template), headers: bearer(me.token) });
      expectCacheHeaders(res, `GET ${template}`);
    }
  });
});
