/**
 * Answers Fastify gives before any route runs (found by the route fuzzer): they must be problem+json like
 * every other 4xx, and must not echo the path, which may hold a verification id.
 */
import { bearer, expectProblem, tokenFor, useEmulatorApp } from '../support/test-app.js';

describe('errors raised by Fastify before routing', () => {
  const h = useEmulatorApp();
  let token: string;

  beforeAll(async () => {
    token = await tokenFor(h.emu, h.emu.seedUser({ username: 'bad_url_user' }).id);
  });

  it.each([
    ['a path segment that is not valid percent-encoding', '/me/verifications/secret-verification-id%/verify'],
    ['a lone percent sign', '/me/sessions/%'],
    ['a path parameter longer than the router allows', `/me/sessions/${'s'.repeat(300)}`],
  ])('answers %s with a 400 problem', async (_name, url) => {
    const before = h.emu.stateDigest();
    const res = await h.t.inject({ method: 'DELETE', url, headers: bearer(token) });
    const body = expectProblem(res, 400, 'request.validation_failed');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.stringify(body)).not.toContain('secret-verification-id');
    expect(JSON.stringify(body)).not.toContain('s'.repeat(300));
    expect(h.emu.stateDigest()).toBe(before);
  });
});
