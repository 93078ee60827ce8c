/**
 * Contract replay: every exchange recorded from a real Logto 1.41.0 (../shared/logto/exchanges) is
 * replayed against the emulator and compared on status, Logto error code, body shape, every body value (normalising
 * only what contract/normalise.ts lists as volatile) and the
 * relevant headers. A recorded file without a case (or a listed exclusion) fails the suite.
 */
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { accountCases } from './contract/cases-accounts.js';
import { coreCases } from './contract/cases-core.js';
import { excludedExchanges } from './contract/exclusions.js';
import { fetchM2MToken, isDecodedJwt, loadExchangeFiles, replay } from './contract/runner.js';
import { compareShape } from './contract/shape.js';
import type { CaseContext, DecodedJwt, Exchange } from './contract/types.js';

const files = loadExchangeFiles();
const exchanges = files.filter((file): file is Exchange => !isDecodedJwt(file));
const decoded = new Map(files.filter(isDecodedJwt).map((file) => [file.name, file]));
const registry = { ...coreCases, ...accountCases };

describe('Logto contract replay', () => {
  it('has a case or a listed exclusion for every recorded exchange, and no case without a recording', () => {
    expect(exchanges.length).toBeGreaterThan(0);
    const names = new Set(files.map((file) => file.name));
    const missing = exchanges.map((e) => e.name).filter((name) => !(name in registry) && !(name in excludedExchanges));
    const stale = [...Object.keys(registry), ...Object.keys(excludedExchanges)].filter((name) => !names.has(name));
    const both = Object.keys(excludedExchanges).filter((name) => name in registry);
    expect({ missing, stale, both }).toEqual({ missing: [], stale: [], both: [] });
  });

  it('keeps the core and account registries to their groups', () => {
    const groupOf = (name: string): string => name.slice(0, 2);
    expect(Object.keys(coreCases).filter((n) => !['01', '02', '03', '04', '05', '10', '11'].includes(groupOf(n)))).toEqual([]);
    expect(Object.keys(accountCases).filter((n) => !['06', '07', '08', '09'].includes(groupOf(n)))).toEqual([]);
  });

  const replayable = exchanges.filter((exchange) => exchange.name in registry);
  describe.each(replayable.map((exchange) => [exchange.name, exchange] as const))('%s', (name, exchange) => {
    let emu: LogtoEmulator;
    beforeEach(async () => {
      emu = await LogtoEmulator.start();
    });
    afterEach(async () => {
      await emu.close();
    });

    it('matches the recording', async () => {
      const context: CaseContext = { emu, exchange, m2mToken: () => fetchM2MToken(emu) };
      const result = await replay(context, registry[name] ?? {});
      expect(result.problems).toEqual([]);
    });
  });
});

/** Header and payload of a token the emulator minted have the recorded keys and JSON types. */
describe('Logto contract: minted tokens (decoded-jwt recordings)', () => {
  let emu: LogtoEmulator;
  beforeAll(async () => {
    emu = await LogtoEmulator.start();
  });
  afterAll(async () => {
    await emu.close();
  });

  function recorded(name: string): DecodedJwt {
    const file = decoded.get(name);
    if (!file) throw new Error(`missing recording ${name}`);
    return file;
  }

  async function userTokens(): Promise<{ access_token: string; id_token: string; userId: string }> {
    const user = emu.seedUser({ username: 'rec_sess', primaryEmail: 'rec.sess@example.test', name: 'Session Recorder' });
    const code = emu.issueAuthorizationCode({
      userId: user.id,
      clientId: 'recspaapp001',
      redirectUri: 'http://127.0.0.1:3999/callback',
      resource: 'https://account.example.test',
      scopes: ['account:write', 'account:read'],
    });
    const response = await fetch(`${emu.endpoint}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: 'recspaapp001',
        code,
        redirect_uri: 'http://127.0.0.1:3999/callback',
        resource: 'https://account.example.test',
      }),
    });
    expect(response.status).toBe(200);
    return { ...((await response.json()) as { access_token: string; id_token: string }), userId: user.id };
  }

  it('M2M access token: 01-oidc-m2m-access-token-decoded', async () => {
    const file = recorded('01-oidc-m2m-access-token-decoded');
    const token = await fetchM2MToken(emu);
    const header = decodeProtectedHeader(token);
    const payload = decodeJwt(token);
    expect(compareShape(file.header, header, {})).toEqual([]);
    expect(compareShape(file.payload, payload, {})).toEqual([]);
    expect(header).toEqual({ alg: 'ES384', typ: 'at+jwt', kid: emu.currentSigningKey().kid });
    expect(payload).toMatchObject({
      sub: emu.m2mAppId,
      client_id: emu.m2mAppId,
      scope: 'all',
      iss: emu.issuer,
      aud: emu.managementResource,
    });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(3600);
  });

  it('user access token: 01-oidc-user-access-token-decoded', async () => {
    const file = recorded('01-oidc-user-access-token-decoded');
    const { access_token: token, userId } = await userTokens();
    const payload = decodeJwt(token);
    expect(compareShape(file.header, decodeProtectedHeader(token), {})).toEqual([]);
    expect(compareShape(file.payload, payload, {})).toEqual([]);
    expect(payload).toMatchObject({ sub: userId, aud: 'https://account.example.test', scope: 'account:write account:read' });

    // mintUserToken produces the same shape.
    const minted = await emu.mintUserToken({ sub: userId, clientId: 'recspaapp001', scopes: ['account:write', 'account:read'] });
    expect(compareShape(file.payload, decodeJwt(minted), {})).toEqual([]);
    expect(compareShape(file.header, decodeProtectedHeader(minted), {})).toEqual([]);
  });

  /** The tokens of a real browser sign-in: /oidc/auth form, code + PKCE, then refresh_token with `resource`. */
  async function browserSignInTokens(): Promise<{ idToken: string; accessToken: string; userId: string }> {
    const redirectUri = 'http://127.0.0.1:3999/callback';
    emu.registerSpaApp({ id: 'recspaapp002', redirectUris: [redirectUri] });
    const user = emu.seedUser({ username: 'rec_flow', primaryEmail: 'rec.flow@example.test', name: 'Flow Recorder', password: 'Rec-Flow-2026!' });
    const verifier = 'v'.repeat(43);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const auth = new URL(`${emu.issuer}/auth`);
    const params = { client_id: 'recspaapp002', redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256', state: 's', response_type: 'code', scope: 'openid offline_access profile email phone account:write account:read', resource: 'https://account.example.test' };
    for (const [key, value] of Object.entries(params)) auth.searchParams.set(key, value);
    const action = /action="([^"]+)"/.exec(await (await fetch(auth)).text())?.[1] ?? '';
    const signedIn = await fetch(`${emu.endpoint}${action}`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ identifier: 'rec_flow', password: 'Rec-Flow-2026!' }) });
    const code = new URL(signedIn.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const post = async (form: Record<string, string>): Promise<Record<string, string>> =>
      (await (await fetch(`${emu.issuer}/token`, { method: 'POST', body: new URLSearchParams(form) })).json()) as Record<string, string>;
    const first = await post({ client_id: 'recspaapp002', code, code_verifier: verifier, redirect_uri: redirectUri, grant_type: 'authorization_code' });
    const second = await post({ client_id: 'recspaapp002', refresh_token: first.refresh_token ?? '', grant_type: 'refresh_token', resource: 'https://account.example.test' });
    return { idToken: first.id_token ?? '', accessToken: second.access_token ?? '', userId: user.id };
  }

  it('tokens of the browser sign-in: 01-oidc-user-id-token-decoded and 01-oidc-user-access-token-decoded', async () => {
    const { idToken, accessToken, userId } = await browserSignInTokens();
    for (const [name, token] of [['01-oidc-user-id-token-decoded', idToken], ['01-oidc-user-access-token-decoded', accessToken]] as const) {
      const file = recorded(name);
      expect(compareShape(file.header, decodeProtectedHeader(token), {})).toEqual([]);
      expect(compareShape(file.payload, decodeJwt(token), {})).toEqual([]);
      // Same claims in the same order as Logto writes them.
      expect(Object.keys(decodeJwt(token))).toEqual(Object.keys(file.payload));
    }
    expect(decodeJwt(idToken)).toMatchObject({ sub: userId, aud: 'recspaapp002', iss: emu.issuer, phone_number: null, phone_number_verified: false });
    expect(decodeJwt(accessToken)).toMatchObject({ sub: userId, client_id: 'recspaapp002', aud: 'https://account.example.test', scope: 'account:write account:read' });
  });

  it('ID token: 01-oidc-user-id-token-decoded', async () => {
    const file = recorded('01-oidc-user-id-token-decoded');
    const { id_token: token, userId } = await userTokens();
    const header = decodeProtectedHeader(token);
    expect(compareShape(file.header, header, {})).toEqual([]);
    expect(header.typ).toBe('JWT');
    expect(compareShape(file.payload, decodeJwt(token), {})).toEqual([]);
    expect(decodeJwt(token)).toMatchObject({ sub: userId, aud: 'recspaapp001', iss: emu.issuer });
  });
});
