/**
 * GET /health/ready is unauthenticated: whatever the probe rate, it reads Logto at most once per
 * READINESS_CACHE_MS, never through the circuit breaker of user calls, and it reflects whether the service can
 * obtain a Management API token (issues #18 item 4, #22 defects 2 and 7).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManualClock } from '../../src/common/clock.js';
import { commitFrom } from '../../src/observability/build-info.js';
import { bearer, expectProblem, tokenFor, useEmulatorApp, withEmulatorApp } from '../support/test-app.js';

const flood = (inject: (opts: { method: 'GET'; url: string }) => Promise<{ statusCode: number }>, count: number) =>
  Promise.all(Array.from({ length: count }, () => inject({ method: 'GET', url: '/health/ready' })));

describe('GET /health/ready under a flood', () => {
  const clock = new ManualClock();
  const h = useEmulatorApp({ clock, env: { READINESS_CACHE_MS: '2000' } });

  beforeEach(() => {
    h.emu.clearFaults();
    h.emu.resetCounters();
    clock.advance(10_000);
  });

  it('reads Logto at most once per cache window, whatever the number of probes', async () => {
    const first = await flood(h.t.inject, 300);
    expect(first.every((res) => res.statusCode === 200)).toBe(true);
    expect(h.emu.counters.discoveryFetches).toBe(1);
    // The first readiness check obtains the Management API token every /me call needs anyway.
    expect(h.emu.counters.tokenRequests).toBe(1);

    clock.advance(1999);
    await flood(h.t.inject, 100);
    expect(h.emu.counters.discoveryFetches).toBe(1);

    clock.advance(1);
    await flood(h.t.inject, 100);
    expect(h.emu.counters.discoveryFetches).toBe(2);
    // The token is cached: later probes cost no token request, and none costs a Management API call.
    expect(h.emu.counters.tokenRequests).toBe(1);
    expect(h.emu.counters.managementCalls).toBe(0);
  });

  it('never opens the breaker user calls go through, even when every probe fails', async () => {
    const user = h.emu.seedUser({ username: 'flood_victim' });
    const token = await tokenFor(h.emu, user.id);
    h.emu.setFault({ match: '/oidc/.well-known/openid-configuration', status: 503 });
    // One probe per cache window, each failing: far more failures than the breaker's threshold (5).
    for (let i = 0; i < 12; i += 1) {
      clock.advance(2000);
      await h.t.inject({ method: 'GET', url: '/health/ready' });
    }

    const me = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
    expect(me.json()).toMatchObject({ id: user.id });
    expect(me.statusCode).toBe(200);
    expect(h.emu.counters.discoveryFetches).toBe(12);
  });

  it('stays ready (degraded) during a Logto outage once it has been ready, so clients keep getting the service\'s own 503', async () => {
    expect((await h.t.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    h.emu.setFault({ match: '/oidc/.well-known/openid-configuration', status: 503 });
    clock.advance(2000);
    const res = await h.t.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'degraded', checks: { logto: 'down', managementApi: 'up' } });
  });
});

describe('GET /health/ready and the Management API credentials', () => {
  it('answers 503 naming the Management API when Logto refuses the M2M secret, without a token request per probe', async () => {
    const clock = new ManualClock();
    await withEmulatorApp({ clock, env: { LOGTO_M2M_APP_SECRET: 'not-the-secret', READINESS_CACHE_MS: '2000' } }, async ({ emu, t }) => {
      const responses = await flood(t.inject, 50);
      for (const res of responses) {
        const body = expectProblem(res as never, 503, 'health.unavailable');
        expect(body.checks).toEqual({ logto: 'up', managementApi: 'down' });
      }
      expect(emu.counters.tokenRequests).toBe(1);
      expect(JSON.stringify(t.logLines())).not.toContain('not-the-secret');
    });
  });

  it('is ready, with every check up, when the credentials are right', async () => {
    await withEmulatorApp({}, async ({ t }) => {
      const res = await t.inject({ method: 'GET', url: '/health/ready' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', checks: { logto: 'up', managementApi: 'up' } });
    });
  });
});

describe('build info', () => {
  const h = useEmulatorApp();

  it('GET /health/live and the app_build_info metric name the version of package.json and the commit', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    const live = (await h.t.inject({ method: 'GET', url: '/health/live' })).json() as { version: string; commit: string };
    expect(live.version).toBe(version);
    const metrics = (await h.t.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain(`app_build_info{version="${version}",commit="${live.commit}"} 1`);
  });

  it('takes the commit from GIT_COMMIT when it looks like one, else says unknown', () => {
    expect(commitFrom({ GIT_COMMIT: '0123456789ABCDEF0123456789abcdef01234567' })).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(commitFrom({ GIT_COMMIT: 'abc1234' })).toBe('abc1234');
    expect(commitFrom({ GIT_COMMIT: '$(git rev-parse HEAD)' })).toBe('unknown');
    expect(commitFrom({})).toBe('unknown');
  });
});
