/**
 * What the benchmark sends, and the users the upstream process (upstream.ts) seeds for it and for the soak.
 * Every scenario is a generator of requests shared by all connections, so a rotation (1,000 tokens,
 * alternating patches) runs across the whole load rather than per connection.
 */
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';

import { BENCH_AUDIENCE } from './settings.js';

export const AUDIENCE = BENCH_AUDIENCE;
export const SCOPES = ['account:read', 'account:write'];
/** Distinct users and tokens of the "1,000 tokens" scenario. */
export const TOKEN_COUNT = 1000;
/** Users whose custom data the PATCH scenario changes (several, so the per-user lock is rarely contended). */
export const PATCH_USERS = 64;
/**
 * Entries of the verified-token LRU, in the service and the baseline alike. Smaller than TOKEN_COUNT: rotating
 * 1,000 tokens through it misses every time, so that scenario really verifies a signature per request.
 * The single-token and PATCH scenarios (64 tokens) hit it.
 */
export const VERIFIED_TOKEN_CACHE_SIZE = 500;

export interface LoadRequest {
  method: 'GET' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export type ScenarioId = 'me-one-token' | 'me-1000-tokens' | 'patch-custom-data' | 'me-security' | 'me-mfa' | 'me-sessions' | 'health-live';

/** Users whose apps poll the security, MFA and sessions reads (a session, a grant and a TOTP factor each). */
export const POLLING_USERS = 64;

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** The service's upstream (Management API) calls one request should make. */
  expectedUpstreamCallsPerRequest: number;
  /** Compared at a fixed offered load too (p99 added over the baseline). */
  fixedRate: boolean;
  /** The requests of one run, in order. */
  generator(): () => LoadRequest;
}

export interface Fixture {
  userIds: string[];
  tokens: string[];
}

/** The password of every soak user (the soak's step-up verifications send it). */
export const SOAK_PASSWORD = 'Soak-Passw0rd!';

/** 1,000 users shaped like real accounts (profile claims, private and visible custom data, an SSO identity). */
export async function seedFixture(emulator: LogtoEmulator): Promise<Fixture> {
  const userIds: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < TOKEN_COUNT; i += 1) {
    const user = emulator.seedUser({
      username: `bench_user_${i}`,
      primaryEmail: `bench.user.${i}@example.com`,
      name: `Bench User ${i}`,
      avatar: `https://cdn.example.com/avatars/${i}.png`,
      profile: { givenName: 'Bench', familyName: `User ${i}`, locale: 'en-GB', zoneinfo: 'Europe/London' },
      customData: { theme: 'light', newsletter: i % 2 === 0, plan: 'pro', stripeCustomerId: `cus_${i}`, internalNotes: 'private' },
      lastSignInAt: Date.now() - 3_600_000,
    });
    if (i === 0) emulator.addSsoIdentity(user.id, { ssoConnectorId: 'bench-sso', identityId: 'bench-0', issuer: 'https://idp.example.com' });
    if (i < POLLING_USERS) {
      // With its grant, which names the application in GET /me/sessions.
      emulator.addSession(user.id, { clientId: 'bench-app', applicationName: 'Bench App' });
      emulator.addMfaVerification(user.id, { type: 'Totp' });
    }
    userIds.push(user.id);
    tokens.push(await emulator.mintUserToken({ sub: user.id, scopes: SCOPES, audience: AUDIENCE, ttlSeconds: 3600 }));
  }
  return { userIds, tokens };
}

/** The soak's users: a password, a phone, a session and a TOTP factor each, for its wider mix of requests. */
export async function seedSoakFixture(emulator: LogtoEmulator, options: { users: number; tokenTtlSeconds: number }): Promise<Fixture> {
  const userIds: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < options.users; i += 1) {
    const user = emulator.seedUser({
      username: `soak_user_${i}`,
      primaryEmail: `soak.user.${i}@example.com`,
      primaryPhone: `1555000${String(i).padStart(4, '0')}`,
      name: `Soak User ${i}`,
      password: SOAK_PASSWORD,
      profile: { givenName: 'Soak', familyName: `User ${i}` },
      customData: { theme: 'light', plan: 'pro', internal: 'private' },
    });
    emulator.addSession(user.id, { clientId: 'soak-app' });
    emulator.addMfaVerification(user.id, { type: 'Totp' });
    userIds.push(user.id);
    tokens.push(await emulator.mintUserToken({ sub: user.id, scopes: SCOPES, audience: AUDIENCE, ttlSeconds: options.tokenTtlSeconds }));
  }
  return { userIds, tokens };
}

export function scenarios(fixture: Fixture): Scenario[] {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  // Shared by every run of the PATCH scenario, so each user's next patch is always the opposite of its last.
  let patches = 0;
  /** A read that users' apps poll, over POLLING_USERS users (their tokens stay in the verified-token cache). */
  const polling = (id: ScenarioId, title: string, path: string, calls: number): Scenario => ({
    id,
    title,
    expectedUpstreamCallsPerRequest: calls,
    fixedRate: false,
    generator: () => {
      let i = 0;
      return () => ({ method: 'GET', path, headers: bearer(fixture.tokens[i++ % POLLING_USERS]) });
    },
  });
  return [
    {
      id: 'me-one-token',
      title: 'GET /me, one bearer token',
      expectedUpstreamCallsPerRequest: 1,
      fixedRate: true,
      generator: () => {
        const request: LoadRequest = { method: 'GET', path: '/me', headers: bearer(fixture.tokens[0]) };
        return () => request;
      },
    },
    {
      id: 'me-1000-tokens',
      title: `GET /me, ${TOKEN_COUNT.toLocaleString('en')} distinct tokens`,
      expectedUpstreamCallsPerRequest: 1,
      fixedRate: true,
      generator: () => {
        let i = 0;
        return () => ({ method: 'GET', path: '/me', headers: bearer(fixture.tokens[i++ % fixture.tokens.length]) });
      },
    },
    {
      id: 'patch-custom-data',
      title: 'PATCH /me/custom-data, small patches',
      // Read the stored custom data, write the merge (ProfileService.patchCustomData).
      expectedUpstreamCallsPerRequest: 2,
      fixedRate: true,
      generator: () => {
        return () => {
          const n = patches++;
          // Each user's consecutive patches alternate, so every patch changes something and is written.
          const theme = Math.floor(n / PATCH_USERS) % 2 === 0 ? 'dark' : 'light';
          return {
            method: 'PATCH',
            path: '/me/custom-data',
            headers: { ...bearer(fixture.tokens[n % PATCH_USERS]), 'content-type': 'application/json' },
            body: JSON.stringify({ theme }),
          };
        };
      },
    },
    polling('me-security', 'GET /me/security, 64 users', '/me/security', 3),
    polling('me-mfa', 'GET /me/mfa, 64 users', '/me/mfa', 1),
    polling('me-sessions', 'GET /me/sessions, 64 users', '/me/sessions', 2),
    {
      id: 'health-live',
      title: 'GET /health/live vs bare Fastify',
      expectedUpstreamCallsPerRequest: 0,
      fixedRate: false,
      generator: () => {
        const request: LoadRequest = { method: 'GET', path: '/health/live', headers: {} };
        return () => request;
      },
    },
  ];
}
