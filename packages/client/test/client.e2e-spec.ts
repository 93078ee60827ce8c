import { AccountProblem, isAccountProblem, operations, type AccountClient } from '@logto-account-service/client';
import { startClientHarness, startDroppingProxy, type ClientHarness, type Exchange } from './support/client-harness.js';

const PASSWORD = 'Client-Secret-42';

/** An onVerificationRequired that verifies with the password through the client it is given, and counts its calls. */
function passwordStepUp() {
  const calls: Array<{ methods: string[]; operationId: string }> = [];
  let client: AccountClient | undefined;
  const handler = async (context: { methods: string[]; operationId: string }) => {
    calls.push(context);
    if (!client) throw new Error('passwordStepUp: call use(client) first');
    const verification = await client.createPasswordVerification({ body: { password: PASSWORD } });
    return verification.verificationId;
  };
  return {
    calls,
    handler,
    use(c: AccountClient): AccountClient {
      client = c;
      return c;
    },
  };
}

describe('@logto-account-service/client against the service and the emulator over a real socket', () => {
  let h: ClientHarness;
  let seq = 0;
  const freshUser = () => h.emu.seedUser({ username: `client_user_${++seq}`, password: PASSWORD, primaryEmail: `client${seq}@example.com` }).id;
  const to = (operationPath: string, exchanges: Exchange[] = h.exchanges) => exchanges.filter((e) => new URL(e.url).pathname === operationPath);

  beforeAll(async () => {
    h = await startClientHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.exchanges.length = 0;
    h.emu.clearFaults();
  });

  describe('typed calls', () => {
    it('has one method per operation of openapi.yaml, and calls resolve with the typed body (undefined for 204)', async () => {
      const userId = freshUser();
      const session = h.emu.addSession(userId);
      const client = h.client(userId);
      for (const { operationId } of operations) expect(typeof client[operationId]).toBe('function');

      const account = await client.getMyAccount();
      expect(account.id).toBe(userId);
      expect(account.username).toBe(`client_user_${seq}`);

      const updated = await client.updateMyAccount({ body: { name: 'Ada Client' } });
      expect(updated.name).toBe('Ada Client');
      expect(h.emu.state.users.get(userId)?.name).toBe('Ada Client');
      const profiled = await client.updateMyProfile({ body: { givenName: 'Ada' } });
      expect(profiled.profile?.givenName).toBe('Ada');

      const sessions = await client.listMySessions();
      expect(sessions.items.map((s) => s.id)).toContain(session.sessionId);
      await expect(client.revokeMySession({ path: { sessionId: session.sessionId } })).resolves.toBeUndefined();
      expect((await client.listMySessions()).items.map((s) => s.id)).not.toContain(session.sessionId);

      const activity = await client.listMyActivity({ query: { limit: 2 } });
      expect(Array.isArray(activity.items)).toBe(true);
      expect(to('/me/activity')[0]?.url).toMatch(/\?limit=2$/);
      // JSON merge patch where the route takes it (RFC 7396).
      expect(to('/me/profile')[0]?.headers['content-type']).toBe('application/merge-patch+json');
    });

    it('calls getAccessToken before every request, retries included', async () => {
      const userId = freshUser();
      const tokenCalls = { count: 0 };
      const client = h.client(userId, { tokenCalls });
      await client.getMyAccount();
      await client.listMyMfaFactors();
      expect(tokenCalls.count).toBe(2);
      h.emu.setFault({ match: /^\/api\/users\/[^/]+$/, methods: ['PATCH'], destroySocket: true, times: 1 });
      await client.updateMyAccount({ body: { name: 'After a retry' } });
      expect(h.exchanges).toHaveLength(4);
      expect(tokenCalls.count).toBe(4);
    });
  });

  describe('problems', () => {
    it('throws one AccountProblem with status, code, requestId, title, detail and typed extensions', async () => {
      const userId = freshUser();
      const client = h.client(userId);
      const error = await client.updateMyAccount({ body: { name: 42 as unknown as string } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccountProblem);
      expect(isAccountProblem(error, 'request.validation_failed')).toBe(true);
      expect(isAccountProblem(error, 'session.not_found')).toBe(false);
      if (!isAccountProblem(error, 'request.validation_failed')) throw error;
      expect(error.status).toBe(400);
      expect(error.requestId).toBe(to('/me')[0]?.responseHeaders?.['x-request-id']);
      expect(error.title).toBe('The request is not valid');
      expect(error.operationId).toBe('updateMyAccount');
      expect(error.extensions.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'name' })]));

      const missing = await client.revokeMySession({ path: { sessionId: 'no-such-session' } }).catch((e: unknown) => e);
      expect(isAccountProblem(missing, 'session.not_found')).toBe(true);
      expect((missing as AccountProblem).status).toBe(404);
    });

    it('maps an error answer that is not problem+json to client.unexpected_response', async () => {
      const userId = freshUser();
      const client = h.client(userId, {
        fetch: async () => new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
      });
      const error = await client.getMyAccount().catch((e: unknown) => e);
      expect(isAccountProblem(error, 'client.unexpected_response')).toBe(true);
      expect((error as AccountProblem).status).toBe(502);
    });
  });

  describe('step-up', () => {
    it('on 403 verification.required asks onVerificationRequired once, then retries the call with the Verification-Id', async () => {
      const userId = freshUser();
      const stepUp = passwordStepUp();
      const client = stepUp.use(h.client(userId, { onVerificationRequired: stepUp.handler }));

      const account = await client.updateMyAccount({ body: { username: `renamed_${seq}` } });
      expect(account.username).toBe(`renamed_${seq}`);
      expect(stepUp.calls).toEqual([{ methods: expect.arrayContaining(['password']), operationId: 'updateMyAccount' }]);
      const attempts = to('/me');
      expect(attempts.map((e) => e.status)).toEqual([403, 200]);
      expect(attempts[0]?.headers['verification-id']).toBeUndefined();
      expect(attempts[1]?.headers['verification-id']).toBe(client.verificationId);
      // The retry is the same call: the same Idempotency-Key.
      expect(attempts[1]?.headers['idempotency-key']).toBe(attempts[0]?.headers['idempotency-key']);
    });

    it('retries once, not twice: a second 403 is thrown', async () => {
      const userId = freshUser();
      const calls: string[] = [];
      const client = h.client(userId, {
        onVerificationRequired: async ({ operationId }) => {
          calls.push(operationId);
          return 'not-a-verification-id-the-service-knows';
        },
      });
      const error = await client.updateMyAccount({ body: { username: `never_${seq}` } }).catch((e: unknown) => e);
      expect(isAccountProblem(error, 'verification.required')).toBe(true);
      if (!isAccountProblem(error, 'verification.required')) throw error;
      expect(error.extensions.methods).toEqual(expect.arrayContaining(['password']));
      expect(calls).toEqual(['updateMyAccount']);
      expect(to('/me').map((e) => e.status)).toEqual([403, 403]);
      expect(client.verificationId).toBeUndefined();
    });

    it('throws the 403 when onVerificationRequired gives up or is not set', async () => {
      const userId = freshUser();
      const givingUp = h.client(userId, { onVerificationRequired: async () => undefined });
      await expect(givingUp.removeMyEmail()).rejects.toMatchObject({ code: 'verification.required', status: 403 });
      await expect(h.client(userId).removeMyEmail()).rejects.toMatchObject({ code: 'verification.required' });
      expect(to('/me/email')).toHaveLength(2);
    });

    it('reuses the id for later sensitive calls without asking again', async () => {
      const userId = freshUser();
      const stepUp = passwordStepUp();
      const client = stepUp.use(h.client(userId, { onVerificationRequired: stepUp.handler }));
      await client.updateMyAccount({ body: { username: `first_${seq}` } });
      const id = client.verificationId;
      h.exchanges.length = 0;

      await client.updateMyAccount({ body: { username: `second_${seq}` } });
      expect(stepUp.calls).toHaveLength(1);
      expect(to('/me').map((e) => [e.status, e.headers['verification-id']])).toEqual([[200, id]]);
    });

    it('asks once when two sensitive calls need step-up at the same time', async () => {
      const userId = freshUser();
      const stepUp = passwordStepUp();
      const client = stepUp.use(h.client(userId, { onVerificationRequired: stepUp.handler }));
      const [account, sent] = await Promise.all([
        client.updateMyAccount({ body: { username: `together_${seq}` } }),
        client.sendEmailVerificationCode({ body: { email: `together${seq}@example.com` } }),
      ]);
      expect(account.username).toBe(`together_${seq}`);
      expect(sent).toBeUndefined(); // 202 without a body
      expect(h.emu.lastCode(`together${seq}@example.com`)).toBeDefined();
      expect(stepUp.calls).toHaveLength(1);
      const retries = h.exchanges.filter((e) => e.headers['verification-id'] !== undefined);
      expect(retries.map((e) => e.status).sort()).toEqual([200, 202]);
      expect(new Set(retries.map((e) => e.headers['verification-id']))).toEqual(new Set([client.verificationId]));
    });

    it('drops the id when the service refuses it again (expired on the service clock) and asks anew', async () => {
      const userId = freshUser();
      const stepUp = passwordStepUp();
      const client = stepUp.use(h.client(userId, { onVerificationRequired: stepUp.handler }));
      await client.updateMyAccount({ body: { username: `before_${seq}` } });
      const firstId = client.verificationId;
      // The service's clock moves past the step-up lifetime (STEP_UP_MAX_AGE_SECONDS, 600 s by default).
      h.clock.advance(11 * 60_000);
      h.exchanges.length = 0;

      await client.updateMyAccount({ body: { username: `after_${seq}` } });
      expect(stepUp.calls).toHaveLength(2);
      const attempts = to('/me');
      expect(attempts.map((e) => e.status)).toEqual([403, 200]);
      expect(attempts[0]?.headers['verification-id']).toBe(firstId);
      expect(attempts[1]?.headers['verification-id']).toBe(client.verificationId);
      expect(client.verificationId).not.toBe(firstId);
    });

    it('stops sending an id once its expiresAt has passed on this device, measured against the service Date header', async () => {
      // A service whose clock is 20 minutes behind: records it creates expire 10 minutes before "now" here.
      const behind = await startClientHarness();
      try {
        behind.clock.set(Date.now() - 20 * 60_000);
        const userId = behind.emu.seedUser({ username: 'clock_skewed', password: PASSWORD }).id;
        const stepUp = passwordStepUp();
        const client = stepUp.use(behind.client(userId, { onVerificationRequired: stepUp.handler }));
        // The id the app just returned is sent whatever the clocks say: the service accepts it.
        await client.updateMyAccount({ body: { username: 'skewed_one' } });
        expect(client.verificationId).toBeUndefined();
        behind.exchanges.length = 0;
        await client.updateMyAccount({ body: { username: 'skewed_two' } });
        expect(stepUp.calls).toHaveLength(2);
        const first = behind.exchanges.find((e) => new URL(e.url).pathname === '/me');
        expect(first?.headers['verification-id']).toBeUndefined();
      } finally {
        await behind.close();
      }
    });
  });

  describe('Idempotency-Key and the client’s own retries', () => {
    it('sends a fresh key per mutation call and none on reads', async () => {
      const userId = freshUser();
      const client = h.client(userId);
      await client.updateMyAccount({ body: { name: 'One' } });
      await client.updateMyAccount({ body: { name: 'Two' } });
      await client.getMyAccount();
      const keys = to('/me').filter((e) => e.method === 'PATCH').map((e) => e.headers['idempotency-key']);
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(keys[1]).not.toBe(keys[0]);
      expect(to('/me').find((e) => e.method === 'GET')?.headers['idempotency-key']).toBeUndefined();
    });

    it('retries a 503 with Retry-After (Logto dropped the connection) with the same key, and the change is made once', async () => {
      const userId = freshUser();
      const client = h.client(userId);
      h.emu.setFault({ match: /^\/api\/users\/[^/]+$/, methods: ['PATCH'], destroySocket: true, times: 1 });
      const updated = await client.updateMyAccount({ body: { name: 'Retried' } });
      expect(updated.name).toBe('Retried');
      const attempts = to('/me');
      expect(attempts.map((e) => e.status)).toEqual([503, 200]);
      expect(attempts[0]?.responseHeaders?.['retry-after']).toBeDefined();
      expect(attempts[1]?.headers['idempotency-key']).toBe(attempts[0]?.headers['idempotency-key']);
    });

    it('retries a dropped connection with the same key: the service replays the first outcome instead of running it twice', async () => {
      const userId = freshUser();
      let drops = 1;
      const proxy = await startDroppingProxy(h.baseUrl, (req) => req.method === 'PATCH' && drops-- > 0);
      try {
        const client = h.client(userId, { baseUrl: proxy.url });
        const patchesBefore = h.emu.requests.filter((r) => r.method === 'PATCH').length;
        const updated = await client.updateMyAccount({ body: { name: 'Through a flaky network' } });
        expect(updated.name).toBe('Through a flaky network');
        expect(proxy.dropped).toBe(1);
        const attempts = to('/me');
        expect(attempts).toHaveLength(2);
        expect(attempts[0]?.error).toBeDefined();
        expect(attempts[1]?.headers['idempotency-key']).toBe(attempts[0]?.headers['idempotency-key']);
        expect(attempts[1]?.responseHeaders?.['idempotent-replayed']).toBe('true');
        expect(h.emu.requests.filter((r) => r.method === 'PATCH').length - patchesBefore).toBe(1);
      } finally {
        await proxy.close();
      }
    });

    it('gives up after the configured number of attempts and throws the last problem', async () => {
      const userId = freshUser();
      const client = h.client(userId, { retry: { attempts: 3, maxDelayMs: 0 } });
      h.emu.setFault({ match: /^\/api\/users\/[^/]+$/, methods: ['PATCH'], destroySocket: true });
      const error = await client.updateMyAccount({ body: { name: 'Never' } }).catch((e: unknown) => e);
      expect(isAccountProblem(error)).toBe(true);
      expect((error as AccountProblem).status).toBe(503);
      const attempts = to('/me');
      expect(attempts).toHaveLength(3);
      expect(new Set(attempts.map((e) => e.headers['idempotency-key'])).size).toBe(1);
      h.emu.clearFaults();

      const once = h.client(userId, { retry: { attempts: 1 } });
      h.exchanges.length = 0;
      h.emu.setFault({ match: /^\/api\/users\/[^/]+$/, methods: ['PATCH'], destroySocket: true, times: 1 });
      await expect(once.updateMyAccount({ body: { name: 'No retry' } })).rejects.toMatchObject({ status: 503 });
      expect(to('/me')).toHaveLength(1);
    });

    it('retries a read after a network failure', async () => {
      // A read is always safe to repeat.
      const userId = freshUser();
      let failures = 1;
      const flaky = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
        if (failures-- > 0) throw new TypeError('fetch failed');
        return h.recordingFetch(input, init);
      }) as typeof fetch;
      const client = h.client(userId, { fetch: flaky });
      await expect(client.getMyAccount()).resolves.toMatchObject({ id: userId });
    });
  });
});
