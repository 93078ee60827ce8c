import { TokenVerifier } from '../../src/auth/token-verifier.service.js';
import { ManualClock } from '../../src/common/clock.js';
import { jwksFetches as jwksFetchesMetric } from '../../src/observability/metrics.js';
import { bearer, expectProblem, startEmulatorApp, tokenOnClock, type RunningEmulatorApp } from '../support/test-app.js';
import { TestRoutesModule } from '../support/test-routes.module.js';

/**
 * Key-set refresh (JWKS_CACHE_MAX_AGE_SECONDS) and the flush of the verified-token cache when Logto removes
 * a signing key.
 *
 * Time: jose times its `cacheMaxAge` with Date.now(), not with our Clock, so the verifier also checks the
 * key set's age on the injected Clock and reloads through jose when it is past the max age (see
 * TokenVerifier.keySetIsStale). These tests move a ManualClock past the default max age (600 s) instead of
 * sleeping through a short real one: jose's own Date.now() check cannot fire during a test that runs for
 * seconds, so the ManualClock alone decides when the set is stale, and every assertion on fetch counts is
 * exact rather than timing-dependent.
 */
const MAX_AGE_MS = 600_000;

/** What `setup` started for the running test: closed after it, also when setup failed half-way. */
let running: RunningEmulatorApp | undefined;
afterEach(async () => {
  const started = running;
  running = undefined;
  await started?.close();
});

async function setup(env: Record<string, string> = {}) {
  const clock = new ManualClock();
  running = await startEmulatorApp({ clock, imports: [TestRoutesModule], env });
  const { emu, t } = running;
  const verifier = t.app.get(TokenVerifier);
  const userId = emu.seedUser({ username: 'key_holder' }).id;
  const whoami = (token: string) => t.inject({ method: 'GET', url: '/test/whoami', headers: bearer(token) });
  const flushLines = () => t.logLines().filter((line) => line.msg === 'Logto removed signing keys; verified tokens will be checked again');
  /** A token the service has verified (and cached), whose signing key Logto then rotates out and removes. */
  const cachedTokenOfRemovedKey = async () => {
    const oldKid = emu.currentSigningKey().kid;
    const token = await tokenOnClock(emu, userId, clock);
    expect((await whoami(token)).statusCode).toBe(200);
    await emu.rotateSigningKey({ keepPrevious: true });
    emu.removeKey(oldKid);
    return { token, oldKid };
  };
  return { emu, clock, t, verifier, userId, whoami, flushLines, cachedTokenOfRemovedKey };
}

async function successfulFetchesMetric(): Promise<number> {
  return (await jwksFetchesMetric.get()).values.find((value) => value.labels.outcome === 'success')?.value ?? 0;
}

describe('JWKS refresh', () => {
  describe('when Logto removes a signing key', () => {
    it('rejects a token it had cached as verified once the key set is past its max age, with one JWKS fetch', async () => {
      const s = await setup();
      const { emu } = s;
      const { token, oldKid } = await s.cachedTokenOfRemovedKey();
      const fetches = emu.counters.jwksFetches;
      // Within the max age the service still trusts what it fetched: this is the window the setting bounds.
      s.clock.advance(MAX_AGE_MS - 1000);
      expect((await s.whoami(token)).statusCode).toBe(200);
      expect(emu.counters.jwksFetches).toBe(fetches);

      s.clock.advance(1000);
      const rejected = await s.whoami(token);
      expectProblem(rejected, 401, 'auth.token_invalid');
      expect(rejected.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(emu.counters.jwksFetches).toBe(fetches + 1);
      expect(s.flushLines()).toEqual([expect.objectContaining({ removedKids: [oldKid], flushedEntries: 1 })]);

      // The new set is fresh again: no more fetches, neither for the rejected token nor for the new key.
      expectProblem(await s.whoami(token), 401, 'auth.token_invalid');
      expect((await s.whoami(await tokenOnClock(emu, s.userId, s.clock))).statusCode).toBe(200);
      expect(emu.counters.jwksFetches).toBe(fetches + 1);
    });

    it("rejects the cached token also when another request's verification made the refetch", async () => {
      const s = await setup();
      const { emu } = s;
      const { token } = await s.cachedTokenOfRemovedKey();
      s.clock.advance(MAX_AGE_MS);
      const other = emu.seedUser({ username: 'other_holder' }).id;
      expect((await s.whoami(await tokenOnClock(emu, other, s.clock))).statusCode).toBe(200);

      expectProblem(await s.whoami(token), 401, 'auth.token_invalid');
    });

    it('flushes on a refetch for an unknown kid too, without waiting for the max age', async () => {
      // JWKS_COOLDOWN_SECONDS=0: the first token of the new key refetches at once (jose's cooldown runs on Date.now()).
      const s = await setup({ JWKS_COOLDOWN_SECONDS: '0' });
      const { emu } = s;
      const oldKid = emu.currentSigningKey().kid;
      const token = await tokenOnClock(emu, s.userId, s.clock);
      expect((await s.whoami(token)).statusCode).toBe(200);

      await emu.rotateSigningKey({ keepPrevious: false });
      expect((await s.whoami(await tokenOnClock(emu, s.userId, s.clock))).statusCode).toBe(200);
      expectProblem(await s.whoami(token), 401, 'auth.token_invalid');
      expect(s.flushLines()).toEqual([expect.objectContaining({ removedKids: [oldKid] })]);
    });
  });

  describe('when Logto rotates and keeps the previous key', () => {
    it('keeps accepting tokens of both keys after the max-age refresh, and flushes nothing', async () => {
      const s = await setup();
      const { emu } = s;
      const oldToken = await tokenOnClock(emu, s.userId, s.clock);
      const unseenOldToken = await tokenOnClock(emu, s.userId, s.clock);
      expect((await s.whoami(oldToken)).statusCode).toBe(200);
      await emu.rotateSigningKey({ keepPrevious: true });
      const newToken = await tokenOnClock(emu, s.userId, s.clock);
      const fetches = emu.counters.jwksFetches;

      s.clock.advance(MAX_AGE_MS);
      expect((await s.whoami(oldToken)).statusCode).toBe(200);
      expect((await s.whoami(newToken)).statusCode).toBe(200);
      expect(emu.counters.jwksFetches).toBe(fetches + 1);
      expect(s.flushLines()).toEqual([]);
      // Not cached: verified against the refreshed set, which still has the old key.
      expect((await s.whoami(unseenOldToken)).statusCode).toBe(200);
    });

    it('keeps accepting tokens of both keys after a refetch for the new kid', async () => {
      const s = await setup({ JWKS_COOLDOWN_SECONDS: '0' });
      const { emu } = s;
      const oldKey = emu.currentSigningKey();
      const oldToken = await tokenOnClock(emu, s.userId, s.clock);
      expect((await s.whoami(oldToken)).statusCode).toBe(200);

      await emu.rotateSigningKey({ keepPrevious: true });
      expect(emu.currentSigningKey().kid).not.toBe(oldKey.kid);
      expect((await s.whoami(await tokenOnClock(emu, s.userId, s.clock))).statusCode).toBe(200);
      expect((await s.whoami(oldToken)).statusCode).toBe(200);
      expect(s.flushLines()).toEqual([]);
    });
  });

  it('refreshes a stale key set with exactly one JWKS fetch, however many requests find it stale', async () => {
    const s = await setup();
    const { emu } = s;
    const tokens = await Promise.all(Array.from({ length: 10 }, () => tokenOnClock(emu, s.userId, s.clock)));
    for (const token of tokens) expect((await s.whoami(token)).statusCode).toBe(200);
    const fetches = { emulator: emu.counters.jwksFetches, verifier: s.verifier.jwksFetches, metric: await successfulFetchesMetric() };

    s.clock.advance(MAX_AGE_MS);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => s.whoami(tokens[i % tokens.length])));
    expect(responses.map((res) => res.statusCode)).toEqual(Array(50).fill(200));
    expect(emu.counters.jwksFetches).toBe(fetches.emulator + 1);
    expect(s.verifier.jwksFetches).toBe(fetches.verifier + 1);
    expect(await successfulFetchesMetric()).toBe(fetches.metric + 1);
  });

  it('does not serve a cached token on a stale key set it cannot re-read: 503, then 200 once Logto answers', async () => {
    const s = await setup();
    const { emu } = s;
    const token = await tokenOnClock(emu, s.userId, s.clock);
    expect((await s.whoami(token)).statusCode).toBe(200);

    emu.setFault({ match: '/oidc/jwks', status: 500 });
    s.clock.advance(MAX_AGE_MS);
    const res = await s.whoami(token);
    expectProblem(res, 503, 'upstream.unreachable');
    expect(res.headers['retry-after']).toBe('5');

    emu.clearFaults();
    expect((await s.whoami(token)).statusCode).toBe(200);
  });
});
