import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config/load-config.js';
import { bearer, expectProblem, testEnv, tokenFor, useEmulatorApp, withEmulatorApp } from '../support/test-app.js';
import { freePort, parseSamples, valueOf } from './prometheus-text.js';

const PASSWORD = 'Metrics-Secret-42';
/** Route label values: templates from the route table, or the one label for unmatched paths. */
const ROUTE_LABEL = /^(\/[A-Za-z0-9_\-/{}.]*|unmatched)$/;

describe('GET /metrics', () => {
  const h = useEmulatorApp({ env: { RATE_LIMIT_PER_USER_PER_MINUTE: '30' } });
  let userId: string;
  let token: string;
  const email = 'metrics.user@example.com';

  const scrape = async () => {
    const res = await h.t.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    userId = h.emu.seedUser({ username: 'metrics_user', primaryEmail: email, password: PASSWORD }).id;
    token = await tokenFor(h.emu, userId);
  });

  it('serves the Prometheus text format without authentication', async () => {
    const res = await h.t.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(() => parseSamples(res.body)).not.toThrow();
    expect(res.body).toContain('# TYPE http_server_request_duration_seconds histogram');
  });

  it('labels request durations by method, route template and status class, never by raw path or id', async () => {
    expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    const verificationId = randomBytes(32).toString('base64url');
    expectProblem(
      await h.t.inject({ method: 'POST', url: `/me/verifications/${verificationId}/verify`, headers: bearer(token), payload: { code: '123456' } }),
      410,
      'verification.expired',
    );
    const strayPath = `/no-such-route/${randomBytes(8).toString('hex')}`;
    expect((await h.t.inject({ method: 'GET', url: strayPath })).statusCode).toBe(404);

    const text = await scrape();
    expect(valueOf(text, 'http_server_request_duration_seconds_count', { method: 'GET', route: '/me', status_class: '2xx' })).toBe(2);
    expect(
      valueOf(text, 'http_server_request_duration_seconds_count', {
        method: 'POST',
        route: '/me/verifications/{verificationId}/verify',
        status_class: '4xx',
      }),
    ).toBe(1);
    expect(valueOf(text, 'http_server_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBe(1);
    expect(valueOf(text, 'http_server_request_duration_seconds_bucket', { method: 'GET', route: '/me', status_class: '2xx', le: '+Inf' })).toBe(2);

    for (const sample of parseSamples(text).filter((s) => s.name.startsWith('http_server_request_duration_seconds'))) {
      expect(sample.labels.route).toMatch(ROUTE_LABEL);
    }
    for (const secret of [userId, verificationId, token, email, strayPath, PASSWORD]) expect(text).not.toContain(secret);
  });

  it('shows Logto call durations by operation and outcome, M2M token requests and JWKS fetches', async () => {
    expect((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
    const text = await scrape();
    expect(valueOf(text, 'logto_request_duration_seconds_count', { operation: 'getUser', outcome: 'success' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'logto_request_duration_seconds_count', { operation: 'm2mToken', outcome: 'success' })).toBe(1);
    expect(valueOf(text, 'logto_request_duration_seconds_count', { operation: 'jwks', outcome: 'success' })).toBe(1);
    expect(valueOf(text, 'logto_m2m_token_requests_total', { outcome: 'success' })).toBe(h.emu.counters.tokenRequests);
    expect(valueOf(text, 'logto_m2m_token_requests_total', { outcome: 'failure' })).toBe(0);
    expect(valueOf(text, 'logto_jwks_fetches_total', { outcome: 'success' })).toBe(h.emu.counters.jwksFetches);
    expect(valueOf(text, 'logto_circuit_breaker_state', { state: 'closed' })).toBe(1);
    expect(valueOf(text, 'logto_circuit_breaker_state', { state: 'open' })).toBe(0);
  });

  it('counts verification records created, verified and failed, and lockouts, by method', async () => {
    const lockedUser = h.emu.seedUser({ username: 'locked_user', password: PASSWORD }).id;
    const lockedToken = await tokenFor(h.emu, lockedUser);
    const before = await scrape();
    const delta = (text: string, name: string, labels: Record<string, string>) => valueOf(text, name, labels) - valueOf(before, name, labels);

    const right = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(token), payload: { password: PASSWORD } });
    expect(right.statusCode).toBe(201);
    const sent = await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: bearer(token), payload: { channel: 'email' } });
    expect(sent.statusCode).toBe(201);
    const codeRecord = (sent.json() as { verificationId: string }).verificationId;
    const wrongCode = await h.t.inject({
      method: 'POST',
      url: `/me/verifications/${codeRecord}/verify`,
      headers: bearer(token),
      payload: { code: h.emu.lastCode(email) === '000000' ? '111111' : '000000' },
    });
    expectProblem(wrongCode, 422, 'verification.invalid_code');
    const rightCode = await h.t.inject({
      method: 'POST',
      url: `/me/verifications/${codeRecord}/verify`,
      headers: bearer(token),
      payload: { code: h.emu.lastCode(email) },
    });
    expect(rightCode.statusCode).toBe(200);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const res = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(lockedToken), payload: { password: `wrong-${attempt}` } });
      expect(res.statusCode).toBe(422);
    }
    expectProblem(
      await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(lockedToken), payload: { password: PASSWORD } }),
      429,
      'verification.locked',
    );

    const after = await scrape();
    expect(delta(after, 'verification_records_created_total', { method: 'password' })).toBe(1);
    expect(delta(after, 'verification_records_verified_total', { method: 'password' })).toBe(1);
    expect(delta(after, 'verification_records_failed_total', { method: 'password' })).toBe(5);
    expect(delta(after, 'verification_lockouts_total', { method: 'password' })).toBe(1);
    expect(delta(after, 'verification_records_created_total', { method: 'email' })).toBe(1);
    expect(delta(after, 'verification_records_failed_total', { method: 'email' })).toBe(1);
    expect(delta(after, 'verification_records_verified_total', { method: 'email' })).toBe(1);
    // Logto refused the wrong code (400, translated): "rejected", which is not a Logto failure.
    expect(delta(after, 'logto_request_duration_seconds_count', { operation: 'verifyVerificationCode', outcome: 'rejected' })).toBe(1);
    expect(delta(after, 'logto_request_duration_seconds_count', { operation: 'verifyVerificationCode', outcome: 'success' })).toBe(1);

    // A second code within the minute is refused by the per-minute send bucket.
    expectProblem(
      await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: bearer(token), payload: { channel: 'email' } }),
      429,
      'verification_code.rate_limited',
    );
    expect(delta(await scrape(), 'rate_limit_rejections_total', { bucket: 'code_send_minute' })).toBe(1);
  });

  it('counts rate-limit rejections by bucket', async () => {
    const busy = h.emu.seedUser({ username: 'busy_user' }).id;
    const busyToken = await tokenFor(h.emu, busy);
    const before = valueOf(await scrape(), 'rate_limit_rejections_total', { bucket: 'user' });
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1) statuses.push((await h.t.inject({ method: 'GET', url: '/me', headers: bearer(busyToken) })).statusCode);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect(valueOf(await scrape(), 'rate_limit_rejections_total', { bucket: 'user' }) - before).toBe(2);
  });

  it('includes process metrics: CPU, memory, event-loop lag, GC', async () => {
    const text = await scrape();
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(parseSamples(text).some((s) => s.name === name)).toBe(true);
    }
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  });

  it('does not log scrapes at info level', async () => {
    await scrape();
    const infoLines = h.t.logLines().filter((line) => line.level === 'info' && line.route === '/metrics');
    expect(infoLines).toEqual([]);
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics only on the metrics port; the public port answers 404', async () => {
    const port = await freePort();
    await withEmulatorApp({ env: { METRICS_PORT: String(port), HOST: '127.0.0.1' } }, async ({ t }) => {
      expectProblem(await t.inject({ method: 'GET', url: '/metrics' }), 404, 'request.not_found');

      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await scraped.text();
      expect(valueOf(text, 'http_server_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);

      expect((await fetch(`http://127.0.0.1:${port}/me`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status).toBe(404);
    });
    // Closed with the app.
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it('must be a port number other than PORT', () => {
    expect(() => loadConfig(testEnv(undefined, { METRICS_PORT: 'nine' }))).toThrow(ConfigError);
    expect(() => loadConfig(testEnv(undefined, { PORT: '3000', METRICS_PORT: '3000' }))).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(loadConfig(testEnv(undefined, { METRICS_PORT: '9464' })).server.metricsPort).toBe(9464);
    expect(loadConfig(testEnv()).server.metricsPort).toBeUndefined();
  });
});

describe('logto_circuit_breaker_state', () => {
  it('shows the breaker opening after Logto fails, and calls refused by it', async () => {
    await withEmulatorApp({}, async ({ emu, t }) => {
      const userId = emu.seedUser({ username: 'breaker_user' }).id;
      const token = await tokenFor(emu, userId);
      expect((await t.inject({ method: 'GET', url: '/me', headers: bearer(token) })).statusCode).toBe(200);
      emu.setFault({ match: '/api/users', status: 500 });
      for (let i = 0; i < 5; i += 1) expectProblem(await t.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 502, 'upstream.unavailable');
      expectProblem(await t.inject({ method: 'GET', url: '/me', headers: bearer(token) }), 503, 'upstream.circuit_open');

      const text = (await t.inject({ method: 'GET', url: '/metrics' })).body;
      expect(valueOf(text, 'logto_circuit_breaker_state', { state: 'open' })).toBe(1);
      expect(valueOf(text, 'logto_circuit_breaker_state', { state: 'closed' })).toBe(0);
      expect(valueOf(text, 'logto_request_duration_seconds_count', { operation: 'getUser', outcome: 'server_error' })).toBe(5);
      expect(valueOf(text, 'logto_request_duration_seconds_count', { operation: 'getUser', outcome: 'circuit_open' })).toBe(1);
      expect(valueOf(text, 'http_server_request_duration_seconds_count', { method: 'GET', route: '/me', status_class: '5xx' })).toBe(6);
    });
  });
});
