/**
 * Zero-downtime rotation of the M2M app secret (issue #22, docs/runbook.md "Rotating the M2M secret"): Logto
 * holds several secrets per app; the operator adds one, updates the Secret, rolls the pods, then deletes the
 * old one. The service reads its secret at start, so a restarted instance uses the new one, and an instance
 * that obtained its token before the old secret was deleted keeps working on that token.
 */
import { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { bearer, expectProblem, startEmulatorApp, tokenFor, type TestApp } from '../support/test-app.js';

describe('M2M secret rotation', () => {
  let emu: LogtoEmulator;
  const apps: TestApp[] = [];
  beforeAll(async () => {
    emu = await LogtoEmulator.start();
  });
  afterAll(async () => {
    await Promise.allSettled(apps.map((t) => t.close()));
    await emu.close();
  });
  const start = async (secret: string): Promise<TestApp> => {
    const t = (await startEmulatorApp({ emulator: emu, env: { LOGTO_M2M_APP_SECRET: secret } })).t;
    apps.push(t);
    return t;
  };

  it('a restarted instance picks up the new secret, and the old instance survives the old secret being deleted', async () => {
    const user = emu.seedUser({ username: 'rotating' });
    const token = await tokenFor(emu, user.id);
    const me = (t: TestApp) => t.inject({ method: 'GET', url: '/me', headers: bearer(token) });

    const old = await start(emu.m2mAppSecret);
    expect((await me(old)).statusCode).toBe(200);

    // 1. Add a second secret in Logto; 2. update the Kubernetes Secret; 3. roll: the new pod starts with it.
    const rotated = emu.addM2MSecret('rotation-2026-12');
    const fresh = await start(rotated);
    expect((await me(fresh)).statusCode).toBe(200);
    expect((await fresh.inject({ method: 'GET', url: '/health/ready' })).json()).toMatchObject({ status: 'ok' });
    const tokenLogs = emu.state.logs.filter((log) => log.payload.key === 'ExchangeTokenBy.ClientCredentials');
    expect(tokenLogs.at(-1)?.payload.applicationSecret).toEqual({ name: 'rotation-2026-12' });

    // 4. Delete the old secret while the old pod still runs (it has not terminated yet): its token stays valid.
    expect(emu.deleteM2MSecret('Default secret')).toBe(true);
    expect((await me(old)).statusCode).toBe(200);

    // Logto rejects every token issued so far (e.g. a signing-key rotation): the new pod gets a new token with
    // the new secret and goes on; the old pod can no longer get one and says so instead of hanging.
    emu.revokeM2MTokens();
    expect((await me(fresh)).statusCode).toBe(200);
    expectProblem(await me(old), 503, 'upstream.auth_failed');
    const body = expectProblem(await old.inject({ method: 'GET', url: '/health/ready' }), 503, 'health.unavailable');
    expect(body.checks).toMatchObject({ managementApi: 'down' });
  });
});

describe('M2M app without the Management API access role', () => {
  it('is not ready: Logto issues a token without the scope all, and every /me call would fail', async () => {
    const emu = await LogtoEmulator.start();
    emu.setM2MManagementAccess(false);
    const t = (await startEmulatorApp({ emulator: emu })).t;
    try {
      const body = expectProblem(await t.inject({ method: 'GET', url: '/health/ready' }), 503, 'health.unavailable');
      expect(body.checks).toEqual({ logto: 'up', managementApi: 'down' });
      expect(t.logs()).toContain('Management API access role');
    } finally {
      await t.close();
      await emu.close();
    }
  });
});
