import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from 'otplib';
import { DEMO_AUDIENCE, DEMO_CLIENT_ID, DEMO_PASSWORD, startDemo, type Demo } from '../demo/demo.js';
import { managementToken } from './support/test-app.js';
import { totpCode } from './mfa/mfa-test-support.js';

describe('npm run demo', () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo({ port: 0, logLevel: 'silent' });
  });
  afterAll(() => demo.stop());

  it('serves the seeded demo user to the printed token over a real socket on 127.0.0.1', async () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${demo.url}/me`, { headers: { authorization: `Bearer ${demo.token}` } });
    expect(res.status).toBe(200);
    const account = (await res.json()) as Record<string, unknown>;
    expect(account).toMatchObject({
      id: demo.userId,
      username: 'demo_user',
      primaryEmail: 'demo.user@example.test',
      primaryPhone: '15550100042',
      hasPassword: true,
      identities: { social: ['github'], sso: [] },
      customData: { theme: 'dark', newsletter: true, plan: 'pro' },
    });
    expect(JSON.stringify(account)).not.toContain('internalRiskScore');
  });

  it('issues a token valid for 24 hours with read and write scopes', () => {
    const payload = JSON.parse(Buffer.from(demo.token.split('.')[1], 'base64url').toString()) as { exp: number; iat: number; scope: string };
    expect(payload.exp - payload.iat).toBe(24 * 60 * 60);
    expect(payload.scope.split(' ').sort()).toEqual(['account:read', 'account:write']);
  });

  it('offers ID tokens that re-authenticate the demo user, once each', async () => {
    const idToken = await demo.freshIdToken();
    const reauthenticate = () =>
      fetch(`${demo.url}/me/verifications/reauthentication`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demo.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ idToken }),
      });
    const first = await reauthenticate();
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ method: 'reauthentication', status: 'verified' });
    expect((await reauthenticate()).status).toBe(422);
  });

  it('is ready (Logto discovery reachable) and serves Swagger UI', async () => {
    expect((await fetch(`${demo.url}/health/ready`)).status).toBe(200);
    expect((await fetch(`${demo.url}/docs`)).status).toBe(200);
  });

  it("seeded a password the emulator's verify accepts (and a wrong one it refuses)", async () => {
    const management = await managementToken(demo.emulator);
    const verifyPassword = (password: string) =>
      fetch(`${demo.emulator.endpoint}/api/users/${demo.userId}/password/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${management}`, 'content-type': 'application/json' },
        body: JSON.stringify({ password }),
      });
    expect((await verifyPassword(DEMO_PASSWORD)).status).toBe(204);
    expect((await verifyPassword(`${DEMO_PASSWORD}x`)).status).toBe(422);
  });

  it('seeded a TOTP factor whose secret gives codes an authenticator library accepts, listed by GET /me/mfa', async () => {
    const factors = demo.emulator.state.mfaOf(demo.userId);
    expect(factors.map((factor) => factor.type)).toEqual(['Totp']);
    const secret = factors[0]?.key ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    // The code comes from an RFC 6238 implementation of the tests' own, the check from otplib (what the service uses).
    const now = Date.now();
    const code = totpCode(secret, now);
    expect(await verify({ secret, token: code, epoch: Math.floor(now / 1000), period: 30, epochTolerance: 30 })).toMatchObject({ valid: true });

    const res = await fetch(`${demo.url}/me/mfa`, { headers: { authorization: `Bearer ${demo.token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [{ id: factors[0]?.id, type: 'totp', createdAt: expect.any(String) }] });
  });

  it('seeded a session, listed by GET /me/sessions', async () => {
    const sessions = [...demo.emulator.state.sessions.entries()].filter(([, session]) => session.accountId === demo.userId);
    expect(sessions).toHaveLength(1);
    const res = await fetch(`${demo.url}/me/sessions`, { headers: { authorization: `Bearer ${demo.token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<Record<string, unknown>> };
    expect(body.items).toEqual([expect.objectContaining({ id: sessions[0]?.[0] })]);
    expect(JSON.stringify(body.items[0])).toContain('Demo web app');
  });
  it("delivers Logto's webhook: a suspension by an admin stops the demo user's token at once", async () => {
    const tokenResponse = await fetch(`${demo.emulator.endpoint}/oidc/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${demo.emulator.m2mAppId}:${demo.emulator.m2mAppSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: demo.emulator.managementResource, scope: 'all' }).toString(),
    });
    const { access_token: managementToken } = (await tokenResponse.json()) as { access_token: string };
    const suspend = (isSuspended: boolean) =>
      fetch(`${demo.emulator.endpoint}/api/users/${demo.userId}/is-suspended`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${managementToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ isSuspended }),
      });
    const me = () => fetch(`${demo.url}/me`, { headers: { authorization: `Bearer ${demo.token}` } });
    expect((await me()).status).toBe(200);
    expect((await suspend(true)).status).toBe(200);
    await demo.emulator.webhooksSettled();
    expect(demo.emulator.webhookDeliveries.at(-1)).toMatchObject({ event: 'User.SuspensionStatus.Updated', status: 204 });
    expect((await me()).status).toBe(403);
    expect((await suspend(false)).status).toBe(200);
    await demo.emulator.webhooksSettled();
    expect((await me()).status).toBe(200);
  });
});

describe('npm run demo: the account center', () => {
  let base: string;
  let demo: Demo;
  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'demo-account-center-'));
    mkdirSync(join(base, 'dist'));
    writeFileSync(join(base, 'dist', 'index.html'), '<!doctype html><title>Account center</title>');
    demo = await startDemo({ port: 0, logLevel: 'silent', accountCenterDir: join(base, 'dist') });
  });
  afterAll(async () => {
    await demo.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it('serves the built account center at the printed URL, configured for the demo app', async () => {
    expect(demo.accountCenterUrl).toBe(`${demo.url}/account/`);
    const page = await fetch(demo.accountCenterUrl ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Account center</title>');
    const config = await (await fetch(`${demo.url}/account/config.json`)).json();
    expect(config).toEqual({
      logtoEndpoint: demo.emulator.endpoint,
      appId: DEMO_CLIENT_ID,
      resource: DEMO_AUDIENCE,
      scopes: ['account:read', 'account:write'],
      serviceUrl: demo.url,
    });
  });

  it('signs the demo user in through the emulator with the page as redirect URI; the token reads GET /me', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const auth = new URL(`${demo.emulator.issuer}/auth`);
    const redirectUri = demo.accountCenterUrl ?? '';
    for (const [key, value] of Object.entries({
      client_id: DEMO_CLIENT_ID,
      redirect_uri: redirectUri,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'demo-state',
      response_type: 'code',
      prompt: 'consent',
      scope: 'openid offline_access profile account:read account:write',
      resource: DEMO_AUDIENCE,
    })) {
      auth.searchParams.set(key, value);
    }
    const form = await fetch(auth);
    expect(form.status).toBe(200);
    const action = /action="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const signedIn = await fetch(`${demo.emulator.endpoint}${action}`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ identifier: 'demo_user', password: DEMO_PASSWORD }),
    });
    expect(signedIn.status).toBe(303);
    const back = new URL(signedIn.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);

    const post = async (body: Record<string, string>): Promise<Record<string, string>> =>
      (await (await fetch(`${demo.emulator.issuer}/token`, { method: 'POST', body: new URLSearchParams(body) })).json()) as Record<string, string>;
    const tokens = await post({ client_id: DEMO_CLIENT_ID, code: back.searchParams.get('code') ?? '', code_verifier: verifier, redirect_uri: redirectUri, grant_type: 'authorization_code' });
    const api = await post({ client_id: DEMO_CLIENT_ID, refresh_token: tokens.refresh_token ?? '', grant_type: 'refresh_token', resource: DEMO_AUDIENCE });
    const me = await fetch(`${demo.url}/me`, { headers: { authorization: `Bearer ${api.access_token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: demo.userId, username: 'demo_user' });
  });

  it('without a build, prints no account center URL and serves nothing at /account', async () => {
    const bare = await startDemo({ port: 0, logLevel: 'silent', accountCenterDir: join(base, 'missing') });
    try {
      expect(bare.accountCenterUrl).toBeUndefined();
      expect((await fetch(`${bare.url}/account/`)).status).toBe(404);
    } finally {
      await bare.stop();
    }
  });
});
