import { TokenVerifier } from '../../src/auth/token-verifier.service.js';
import { ManualClock } from '../../src/common/clock.js';
import { bearer, expectProblem, READ_WRITE_SCOPES, TEST_AUDIENCE, useEmulatorApp } from '../support/test-app.js';
import { TestRoutesModule } from '../support/test-routes.module.js';

/**
 * The verified-token cache must never outlive the token's own `exp`. The emulator and the app share one
 * ManualClock, so the token's `exp` and the verifier's "now" move together, and the LRU cache's own TTL (timed
 * by performance.now(), which does not move here) cannot be what rejects the token: only the check against
 * the cached `exp` can.
 */
describe('verified-token cache and the token expiry', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 12, 0, 0));
  const h = useEmulatorApp({ clock, imports: [TestRoutesModule], emulatorOptions: { now: () => clock.now() } });
  const TOLERANCE_SECONDS = 5; // JWT_CLOCK_TOLERANCE_SECONDS' default

  it('refuses a token it verified while valid once the clock passes its exp, though the token sits in the cache', async () => {
    const { emu, t } = h;
    const userId = emu.seedUser({ username: 'short_lived' }).id;
    const token = await emu.mintUserToken({ sub: userId, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE, ttlSeconds: 60 });
    const whoami = () => t.inject({ method: 'GET', url: '/test/whoami', headers: bearer(token) });
    const verifier = t.app.get(TokenVerifier);

    const first = await whoami();
    expect(first.statusCode).toBe(200);
    const fetches = verifier.jwksFetches;
    // Still valid (inside the tolerance): served, and from the cache (no new key fetch; nothing else changed).
    clock.advance((60 + TOLERANCE_SECONDS - 1) * 1000);
    expect((await whoami()).statusCode).toBe(200);
    expect(verifier.jwksFetches).toBe(fetches);

    clock.advance(2000);
    const refused = await whoami();
    expectProblem(refused, 401, 'auth.token_invalid');
    expect(refused.json()).toMatchObject({ detail: 'The access token has expired.' });
    expect(refused.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    // And it stays refused (the stale entry is not served on a later request either).
    expectProblem(await whoami(), 401, 'auth.token_invalid');
  });
});
