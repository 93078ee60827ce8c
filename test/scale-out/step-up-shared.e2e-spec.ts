import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, grantStepUp, tokenFor, type TestApp, wrongCode } from '../support/test-app.js';
import { useRedisInstances } from '../support/redis-server.js';

/**
 * Issue 18, items 5, 7 and 8 across instances: the wrong-code cap, the single use of a re-authentication ID token
 * and the revocation after a credential change hold for two instances behind one Redis.
 */
describe('step-up state shared by two instances', () => {
  const shared = useRedisInstances();
  let emu: LogtoEmulator;
  beforeAll(() => {
    emu = shared.emu;
  });

  async function pair(): Promise<[TestApp, TestApp]> {
    const [a, b] = await shared.instances({ env: { REAUTH_CLIENT_IDS: 'reauth-app' } });
    return [a, b];
  }

  const unique = () => Math.random().toString(36).slice(2, 10);

  it('counts wrong codes entered on both instances against one cap', async () => {
    const [a, b] = await pair();
    const phone = `1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const email = `su.${unique()}@example.com`;
    const user = emu.seedUser({ username: `su_${unique()}`, primaryEmail: email, primaryPhone: phone });
    const token = await tokenFor(emu, user.id);
    const pending = async (t: TestApp, channel: 'email' | 'phone', to: string) => {
      const res = await t.inject({ method: 'POST', url: '/me/verifications/code', headers: bearer(token), payload: { channel } });
      expect(res.statusCode).toBe(201);
      return { id: (res.json() as { verificationId: string }).verificationId, code: emu.lastCode(to) };
    };
    const enter = (t: TestApp, id: string, code: string | undefined) =>
      t.inject({ method: 'POST', url: `/me/verifications/${id}/verify`, headers: bearer(token), payload: { code } });

    const onA = await pending(a, 'email', email);
    const onB = await pending(b, 'phone', phone);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expectProblem(await enter(a, onA.id, wrongCode(onA.code)), 422, 'verification.invalid_code');
    }
    // Five more on B, on the email-change route, which counts against the same cap.
    const stepUp = await grantStepUp(b, user.id);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const res = await b.inject({ method: 'PUT', url: '/me/email', headers: bearer(token, { 'verification-id': stepUp }), payload: { email: `n.${unique()}@example.com`, code: '000000' } });
      expectProblem(res, 422, 'verification_code.invalid');
    }
    // The phone record has had no wrong code, yet its right code is refused on either instance.
    expectProblem(await enter(b, onB.id, onB.code), 429, 'verification.locked');
    expectProblem(await enter(a, onB.id, onB.code), 429, 'verification.locked');
  });

  it('accepts a re-authentication ID token once over both instances', async () => {
    const [a, b] = await pair();
    const user = emu.seedUser({ username: null, primaryEmail: null, primaryPhone: null });
    const token = await tokenFor(emu, user.id);
    const idToken = await emu.mintIdToken({ sub: user.id, audience: 'reauth-app' });
    const post = (t: TestApp) => t.inject({ method: 'POST', url: '/me/verifications/reauthentication', headers: bearer(token), payload: { idToken } });
    expect((await post(a)).statusCode).toBe(201);
    expectProblem(await post(b), 422, 'verification.invalid_id_token');
  });

  it('a password change on one instance revokes the records the other instance would accept', async () => {
    const [a, b] = await pair();
    const user = emu.seedUser({ username: `su_${unique()}`, password: 'Correct-Horse-42' });
    const token = await tokenFor(emu, user.id);
    const [used, other] = [await grantStepUp(a, user.id), await grantStepUp(a, user.id)];
    const setPassword = (t: TestApp, id: string, password: string) =>
      t.inject({ method: 'PUT', url: '/me/password', headers: bearer(token, { 'verification-id': id }), payload: { password } });
    expect((await setPassword(a, used, 'Another-Strong-93')).statusCode).toBe(204);
    expectProblem(await setPassword(b, other, 'Third-Strong-pw-8'), 403, 'verification.required');
  });
});
