import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import type { Clock } from '../../src/common/clock.js';
import { READ_WRITE_SCOPES, TEST_AUDIENCE, tokenOnClock } from '../support/test-app.js';

export const RICH_PASSWORD = 'Rich-Account-Passw0rd!';

/** What a fully furnished account holds, with the ids a client could name in a path. */
export interface RichAccount {
  userId: string;
  token: string;
  email: string;
  phone: string;
  password: string;
  sessionId: string;
  grantId: string;
  totpFactorId: string;
  backupCodeFactorId: string;
  totpSecret: string;
  backupCodes: string[];
  socialTarget: string;
}

let counter = 0;

/**
 * A user with every kind of account data the routes act on: password, e-mail, phone, a social identity, TOTP
 * and backup codes, a session with its grant and a third-party grant, custom data. Unique per call.
 */
export async function seedRichAccount(emu: LogtoEmulator, options: { ttlSeconds?: number; clock?: Clock } = {}): Promise<RichAccount> {
  counter += 1;
  const tag = `${process.pid}${counter}`;
  const email = `rich.${tag}@example.com`;
  const phone = `1555${tag.padStart(7, '0').slice(-7)}`;
  const user = emu.seedUser({
    username: `rich_${tag}`,
    primaryEmail: email,
    primaryPhone: phone,
    name: `Rich ${tag}`,
    password: RICH_PASSWORD,
    profile: { givenName: 'Rich', familyName: tag },
    customData: { theme: 'light', plan: 'pro', internal: 'private' },
  });
  emu.linkSocialIdentity(user.id, 'mock-social', { userId: `mock-social-${tag}`, details: { id: `mock-social-${tag}`, email } });
  const totp = emu.addMfaVerification(user.id, { type: 'Totp' });
  const backup = emu.addMfaVerification(user.id, { type: 'BackupCode' });
  const session = emu.addSession(user.id, { clientId: 'richwebapp', applicationName: 'Web app' });
  const grant = emu.addGrant(user.id, { clientId: 'richpartner', applicationName: 'Partner', isThirdParty: true });
  const token = options.clock
    ? await tokenOnClock(emu, user.id, options.clock, { ttlSeconds: options.ttlSeconds })
    : await emu.mintUserToken({ sub: user.id, scopes: READ_WRITE_SCOPES, audience: TEST_AUDIENCE, ttlSeconds: options.ttlSeconds ?? 3600 });
  return {
    userId: user.id,
    token,
    email,
    phone,
    password: RICH_PASSWORD,
    sessionId: session.sessionId,
    grantId: grant.payload.jti,
    totpFactorId: totp.id,
    backupCodeFactorId: backup.id,
    totpSecret: totp.key ?? '',
    backupCodes: (backup.codes ?? []).map((entry) => entry.code),
    socialTarget: 'mock-social',
  };
}

/**
 * The app settings of the property suites over every route: the demo's custom-data schema and an allowed social
 * redirect URI, so well-formed bodies exist for every route; every run is a fresh user, so the per-address limit
 * is lifted or it would stop the fuzzing halfway.
 */
export const FUZZ_APP_ENV: Record<string, string> = {
  CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json',
  SOCIAL_REDIRECT_URIS: 'https://app.example.com/account/linked',
  RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
};
