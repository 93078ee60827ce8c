/**
 * Social linking is bound to the flow and the user that started it (issue #18, item 13): the service keeps the
 * `state` it passed to the provider at POST /me/identities/social/authorization-uri, per user, short-lived and
 * single use, and POST /me/identities/social needs it back in `connectorData.state` (where the provider's
 * redirect puts it, next to `code`). The redirect URI is checked again at linking, and the provider's profile
 * shows only http(s) avatars.
 */
import { randomBytes } from 'node:crypto';
import { bearer, expectProblem, grantStepUp, tokenFor, useEmulatorApp } from '../support/test-app.js';

const REDIRECT = 'https://app.example.test/account/linked';
const OTHER_REDIRECT = 'https://app.example.test/settings/linked';

describe('social linking needs the state issued to the caller', () => {
  const h = useEmulatorApp({ env: { SOCIAL_REDIRECT_URIS: `${REDIRECT},${OTHER_REDIRECT}` } });

  const seed = () => h.emu.seedUser({ username: `linker_${randomBytes(5).toString('hex')}`, password: 'correct horse battery' });
  const newState = () => randomBytes(16).toString('hex');

  async function authorize(userId: string, state: string, redirectUri = REDIRECT) {
    const res = await h.t.inject({
      method: 'POST',
      url: '/me/identities/social/authorization-uri',
      headers: bearer(await tokenFor(h.emu, userId)),
      payload: { connectorId: h.emu.connectorIds.socialConnectorId, redirectUri, state },
    });
    expect(res.statusCode).toBe(200);
  }

  async function link(userId: string, connectorData: Record<string, unknown>) {
    return h.t.inject({
      method: 'POST',
      url: '/me/identities/social',
      headers: bearer(await tokenFor(h.emu, userId), { 'verification-id': await grantStepUp(h.t, userId) }),
      payload: { connectorId: h.emu.connectorIds.socialConnectorId, connectorData },
    });
  }

  /** What the mock provider returns to the redirect URI, as the client passes it on. */
  const callback = (state: string | undefined, socialUserId: string, extra: Record<string, unknown> = {}) => ({
    code: `provider-code-${socialUserId}`,
    ...(state === undefined ? {} : { state }),
    redirectUri: REDIRECT,
    userId: socialUserId,
    name: 'Social Person',
    ...extra,
  });

  it('links with the state issued to this user (control)', async () => {
    const user = seed();
    const state = newState();
    await authorize(user.id, state);
    const res = await link(user.id, callback(state, `ok-${user.id}`));
    expect(res.statusCode).toBe(201);
    expect(h.emu.state.users.get(user.id)!.identities['mock-social']?.userId).toBe(`ok-${user.id}`);
  });

  it("refuses another user's state and code, links nothing, and leaves that user's flow intact", async () => {
    const victim = seed();
    const attacker = seed();
    const state = newState();
    await authorize(attacker.id, state);
    const digest = h.emu.stateDigest();

    // The attacker's callback data (their code and their state) sent by the victim's client.
    expectProblem(await link(victim.id, callback(state, `attacker-social-${attacker.id}`)), 400, 'identity.state_invalid');
    expect(h.emu.stateDigest()).toBe(digest);

    // The victim's refusal did not use up the attacker's state: it was never the victim's to use.
    expect((await link(attacker.id, callback(state, `attacker-social-${attacker.id}`))).statusCode).toBe(201);
  });

  it('refuses a replayed state', async () => {
    const user = seed();
    const state = newState();
    await authorize(user.id, state);
    expect((await link(user.id, callback(state, `first-${user.id}`))).statusCode).toBe(201);
    const digest = h.emu.stateDigest();
    expectProblem(await link(user.id, callback(state, `second-${user.id}`)), 400, 'identity.state_invalid');
    expect(h.emu.stateDigest()).toBe(digest);
  });

  it.each([
    ['no state', undefined],
    ['a state never issued', 'never-issued-state-0123456789'],
    ['a state that is not a string', 42],
  ])('refuses %s', async (_name, state) => {
    const user = seed();
    await authorize(user.id, newState());
    const digest = h.emu.stateDigest();
    expectProblem(await link(user.id, { ...callback(undefined, `x-${user.id}`), ...(state === undefined ? {} : { state }) }), 400, 'identity.state_invalid');
    expect(h.emu.stateDigest()).toBe(digest);
  });

  it('keeps only the newest state of a user: starting again replaces the previous flow', async () => {
    const user = seed();
    const first = newState();
    const second = newState();
    await authorize(user.id, first);
    await authorize(user.id, second);
    expectProblem(await link(user.id, callback(first, `old-${user.id}`)), 400, 'identity.state_invalid');
    expect((await link(user.id, callback(second, `new-${user.id}`))).statusCode).toBe(201);
  });

  it.each([
    ['a redirect URI that is not allowed', 'https://evil.example/callback'],
    ['an allowed redirect URI other than the one the flow started with', OTHER_REDIRECT],
    ['a redirect URI that is not a string', 7],
  ])('refuses %s at link time, before using the state', async (_name, redirectUri) => {
    const user = seed();
    const state = newState();
    await authorize(user.id, state);
    const digest = h.emu.stateDigest();
    expectProblem(await link(user.id, callback(state, `redir-${user.id}`, { redirectUri })), 400, 'identity.redirect_uri_not_allowed');
    expect(h.emu.stateDigest()).toBe(digest);
    expect((await link(user.id, callback(state, `redir-${user.id}`))).statusCode).toBe(201);
  });

  describe("the provider's avatar", () => {
    it.each([
      ['javascript:', 'javascript:alert(document.cookie)', undefined],
      ['data:', 'data:text/html,<script>alert(1)</script>', undefined],
      ['a relative URL', '/avatar.png', undefined],
      ['https', 'https://avatars.example.test/p.png', 'https://avatars.example.test/p.png'],
      ['http', 'http://avatars.example.test/p.png', 'http://avatars.example.test/p.png'],
    ])('%s is shown only when http(s), at link and in the list', async (_name, avatar, shown) => {
      const user = seed();
      const state = newState();
      await authorize(user.id, state);
      const linked = await link(user.id, callback(state, `avatar-${user.id}`, { avatar }));
      expect(linked.statusCode).toBe(201);
      expect((linked.json() as { avatar?: string }).avatar).toBe(shown);
      expect((linked.json() as { name?: string }).name).toBe('Social Person');

      const list = await h.t.inject({ method: 'GET', url: '/me/identities', headers: bearer(await tokenFor(h.emu, user.id)) });
      const entry = (list.json() as { social: Array<{ target: string; avatar?: string }> }).social.find((item) => item.target === 'mock-social');
      expect(entry?.avatar).toBe(shown);
      if (shown === undefined) expect(list.body).not.toContain(avatar);
    });
  });
});
