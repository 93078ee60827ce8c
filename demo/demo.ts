/**
 * `npm run demo`: the Logto emulator and this service on 127.0.0.1, wired together, with a seeded demo
 * user, so every /me route can be tried from Swagger UI without a Logto tenant. Ctrl-C stops both.
 * Development only: production (main.ts) never imports the emulator.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory.js';
import { DEFAULT_ACCOUNT_CENTER_DIR, loadConfig } from '../src/config/load-config.js';
import { LogtoEmulator } from '@logto-account-service/logto-emulator';

// Beside this file when run from source (tests), two levels up when compiled into dist-demo/demo/.
const DEMO_SCHEMA_PATH = ['./custom-data.schema.json', '../../demo/custom-data.schema.json']
  .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
  .find((path) => existsSync(path)) as string;

export const DEMO_AUDIENCE = 'https://account.demo.test';
export const DEMO_PASSWORD = 'demo-Password-2026!';
const DAY_SECONDS = 24 * 60 * 60;
/** The demo's single page app: the account center signs in with it, and its ID tokens re-authenticate. */
export const DEMO_CLIENT_ID = 'demo-spa';

export interface Demo {
  emulator: LogtoEmulator;
  app: NestFastifyApplication;
  url: string;
  userId: string;
  token: string;
  /** `${url}/account/` when the account center is built (its index.html exists), else undefined. */
  accountCenterUrl?: string;
  /** An ID token of a sign-in that happened just now, for POST /me/verifications/reauthentication. */
  freshIdToken(): Promise<string>;
  stop(): Promise<void>;
}

export interface DemoOptions {
  port?: number;
  emulatorPort?: number;
  logLevel?: string;
  /** The account center's built files; default packages/account-center/dist. Served at /account if it holds index.html. */
  accountCenterDir?: string;
  /** Extra service settings (e.g. a test's rate limits). */
  env?: Record<string, string>;
}

export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const emulator = await LogtoEmulator.start({ port: options.emulatorPort ?? 0, apiResources: [DEMO_AUDIENCE] });
  const userId = seedDemoUser(emulator);
  const port = options.port ?? 3000;
  // The emulator delivers Logto's webhook (suspensions, deletions, data changes) to the service, signed with this.
  const webhookSigningKey = randomBytes(24).toString('base64url');
  const accountCenterDir = resolve(options.accountCenterDir ?? DEFAULT_ACCOUNT_CENTER_DIR);
  const accountCenter = existsSync(join(accountCenterDir, 'index.html'));
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: options.logLevel ?? 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOGTO_ENDPOINT: emulator.endpoint,
    LOGTO_AUDIENCE: DEMO_AUDIENCE,
    LOGTO_M2M_APP_ID: emulator.m2mAppId,
    LOGTO_M2M_APP_SECRET: emulator.m2mAppSecret,
    CUSTOM_DATA_SCHEMA: DEMO_SCHEMA_PATH,
    SOCIAL_REDIRECT_URIS: 'http://localhost:5173/account/linked',
    CORS_ORIGINS: 'http://localhost:5173',
    // The demo app's ID tokens may be used for the re-authentication step-up.
    REAUTH_CLIENT_IDS: DEMO_CLIENT_ID,
    LOGTO_WEBHOOK_SIGNING_KEY: webhookSigningKey,
    ACCOUNT_CENTER_ENABLED: String(accountCenter),
    ACCOUNT_CENTER_DIR: accountCenterDir,
    ACCOUNT_CENTER_APP_ID: DEMO_CLIENT_ID,
    ...options.env,
  });
  const { app } = await createApp(config);
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  emulator.configureWebhook({ url: `${url}/webhooks/logto`, signingKey: webhookSigningKey });
  // The account center's page is its own redirect URI; browsers may know the service as localhost too.
  const pages = [url, url.replace('127.0.0.1', 'localhost')].map((origin) => `${origin}/account/`);
  emulator.registerSpaApp({ id: DEMO_CLIENT_ID, name: 'Demo web app', redirectUris: pages, postLogoutRedirectUris: pages });
  const token = await emulator.mintUserToken({
    sub: userId,
    scopes: ['account:read', 'account:write'],
    audience: DEMO_AUDIENCE,
    ttlSeconds: DAY_SECONDS,
    clientId: DEMO_CLIENT_ID,
  });
  return {
    emulator,
    app,
    url,
    userId,
    token,
    accountCenterUrl: accountCenter ? `${url}/account/` : undefined,
    freshIdToken: () => emulator.mintIdToken({ sub: userId, audience: DEMO_CLIENT_ID }),
    async stop() {
      await app.close();
      await emulator.close();
    },
  };
}

/** A user with every kind of data the routes show: password, email, phone, social identity, TOTP, a session and a grant. */
export function seedDemoUser(emulator: LogtoEmulator): string {
  const user = emulator.seedUser({
    username: 'demo_user',
    primaryEmail: 'demo.user@example.test',
    primaryPhone: '15550100042',
    name: 'Demo User',
    avatar: 'https://avatars.example.test/demo.png',
    password: DEMO_PASSWORD,
    profile: { givenName: 'Demo', familyName: 'User', locale: 'en-US', zoneinfo: 'Europe/Paris' },
    customData: { theme: 'dark', newsletter: true, plan: 'pro', internalRiskScore: 3 },
  });
  emulator.linkSocialIdentity(user.id, 'github', { userId: 'gh-demo-42', details: { name: 'Demo User', email: 'demo.user@example.test' } });
  emulator.addMfaVerification(user.id, { type: 'Totp' });
  emulator.addSession(user.id, { clientId: 'demo-spa', applicationName: 'Demo web app', ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (demo)' });
  return user.id;
}

async function main(): Promise<void> {
  const demo = await startDemo({ port: Number(process.env.PORT ?? 3000), logLevel: process.env.LOG_LEVEL ?? 'warn' });
  const lines = [
    '',
    'logto-account-service demo is running (Logto emulator + service on 127.0.0.1).',
    '',
    `  Swagger UI:   ${demo.url}/docs`,
    demo.accountCenterUrl === undefined
      ? '  Account center: not built (npm run build:account-center, then restart the demo)'
      : `  Account center: ${demo.accountCenterUrl}  (sign in as the demo user below)`,
    `  Logto (emu):  ${demo.emulator.endpoint}`,
    `  Demo user:    demo_user / ${DEMO_PASSWORD}  (id ${demo.userId})`,
    '',
    '  Bearer token (valid 24 hours; paste it into "Authorize" in Swagger UI):',
    '',
    demo.token,
    '',
    `  Try: curl -H "Authorization: Bearer $TOKEN" ${demo.url}/me`,
    '',
    '  ID token of a sign-in just now (POST /me/verifications/reauthentication { "idToken": … }; usable once,',
    '  within REAUTH_MAX_AGE_SECONDS = 300 s; restart the demo for another):',
    '',
    await demo.freshIdToken(),
    '  Verification codes "sent" by Logto are printed below as they are sent. Ctrl-C stops everything.',
    `  Logto's webhook (suspension, deletion, data changes) is delivered to ${demo.url}/webhooks/logto.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let printed = 0;
  const outbox = setInterval(() => {
    for (const message of demo.emulator.outbox.slice(printed)) {
      process.stdout.write(`[emulator outbox] code ${message.code} sent to ${message.to} (${message.channel})\n`);
    }
    printed = demo.emulator.outbox.length;
  }, 500);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(outbox);
    process.stdout.write(`\n${signal}: stopping the demo…\n`);
    await demo.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
