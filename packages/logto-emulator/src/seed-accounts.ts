/**
 * Account-side entities of the Logto emulator: social/SSO identities, connectors, MFA factors,
 * OIDC sessions and grants, organizations. The route modules (routes/identities.ts,
 * connectors.ts, mfa.ts, sessions.ts, organizations.ts) serve them; the functions here create them,
 * for the emulator's defaults and for tests (`LogtoEmulator` exposes them as thin methods).
 *
 * Shapes and lifetimes follow ../shared/logto/exchanges (groups 06–09):
 * - a sign-in session lives 14 days (`exp - iat = 1209600`), its grant 180 days (`15552000`);
 *   `expiresAt` is the millisecond instant, `exp`/`iat`/`loginTs` are epoch seconds;
 * - TOTP secrets are 32-char base32, backup codes 10 × 10-char lowercase hex;
 * - MFA `createdAt` is an ISO string, everything else epoch ms.
 */
import { randomBytes } from 'node:crypto';

import {
  DEFAULT_CONNECTOR_FACTORIES,
  MOCK_EMAIL_FACTORY_ID,
  MOCK_SMS_FACTORY_ID,
  MOCK_SOCIAL_FACTORY_ID,
} from './connector-factories.js';
import { jsonbOrder } from './jsonb.js';
import {
  generateId,
  type Application,
  type BackupCodeEntry,
  type Connector,
  type ConnectorFactory,
  type EmulatorState,
  type JsonObject,
  type MfaVerification,
  type OidcGrant,
  type OidcSession,
  type Organization,
  type OrganizationRole,
  type PasswordVerificationRecord,
  type SessionLastSubmission,
  type SocialIdentity,
  type SsoIdentity,
} from './state.js';

// ---------------------------------------------------------------------------------------------
// Clock and ids

/** What the seed functions need: the state and the emulator's clock (an `EmulatorContext` fits). */
export interface SeedContext {
  readonly state: EmulatorState;
  readonly now: () => number;
}

const NANOID_ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';

/** oidc-provider ids (session `uid`/`jti`, `sid`, grant `jti`): 21 url-safe characters. */
export function nanoid(length = 21): string {
  const bytes = randomBytes(length);
  let id = '';
  for (let i = 0; i < length; i += 1) id += NANOID_ALPHABET[bytes[i]! & 63];
  return id;
}

/** Logto "standard" ids (connectors, MFA verifications, organizations, roles): 21 × `[a-z0-9]`. */
export const standardId = (): string => generateId(21);

// ---------------------------------------------------------------------------------------------
// Connectors

export interface DefaultConnectorIds {
  emailConnectorId: string;
  smsConnectorId: string;
  socialConnectorId: string;
}

/**
 * Loads the three mock factories and creates one connector of each: the mock e-mail and SMS
 * connectors configured with their factory's config template (as in 06-connectors-list) and the
 * mock social connector (target `mock-social`). Idempotent: factories and connectors that exist are
 * kept.
 */
export function seedDefaultConnectors(ctx: SeedContext): DefaultConnectorIds {
  const { state } = ctx;
  for (const factory of DEFAULT_CONNECTOR_FACTORIES) {
    if (!state.connectorFactories.has(factory.id)) state.connectorFactories.set(factory.id, structuredClone(factory));
  }
  const ensure = (factoryId: string, config: JsonObject): string => {
    const existing = [...state.connectors.values()].find((connector) => connector.connectorId === factoryId);
    if (existing) return existing.id;
    return createConnector(ctx, { connectorId: factoryId, config }).id;
  };
  const templateOf = (factoryId: string): JsonObject =>
    JSON.parse(state.connectorFactories.get(factoryId)!.configTemplate) as JsonObject;
  return {
    emailConnectorId: ensure(MOCK_EMAIL_FACTORY_ID, templateOf(MOCK_EMAIL_FACTORY_ID)),
    smsConnectorId: ensure(MOCK_SMS_FACTORY_ID, templateOf(MOCK_SMS_FACTORY_ID)),
    socialConnectorId: ensure(MOCK_SOCIAL_FACTORY_ID, { clientId: 'mock-client-id', clientSecret: 'mock-client-secret' }),
  };
}

export interface ConnectorInput {
  connectorId: string;
  id?: string;
  config?: JsonObject;
  metadata?: JsonObject;
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
}

/** Stores a connector instance of an installed factory (no validation; routes/connectors.ts validates). */
export function createConnector(ctx: SeedContext, input: ConnectorInput): Connector {
  const { state } = ctx;
  const connector: Connector = {
    id: input.id ?? standardId(),
    connectorId: input.connectorId,
    syncProfile: input.syncProfile ?? false,
    enableTokenStorage: input.enableTokenStorage ?? false,
    config: jsonbOrder(input.config ?? {}),
    metadata: jsonbOrder(input.metadata ?? {}),
  };
  state.connectors.set(connector.id, connector);
  return connector;
}

export function removeConnector(ctx: SeedContext, connectorId: string): boolean {
  const { state } = ctx;
  return state.connectors.delete(connectorId);
}

/**
 * Unloads a connector factory and its connectors: reproduces a Logto process without the mock
 * social factory (06-connectors-create-mock-social-factory-missing).
 */
export function removeConnectorFactory(ctx: SeedContext, factoryId: string): boolean {
  const { state } = ctx;
  for (const [id, connector] of state.connectors) {
    if (connector.connectorId === factoryId) state.connectors.delete(id);
  }
  return state.connectorFactories.delete(factoryId);
}

/** The factory a connector instance was made from, and the effective type/target. */
export function factoryOf(ctx: SeedContext, connector: Connector): ConnectorFactory | undefined {
  const { state } = ctx;
  return state.connectorFactories.get(connector.connectorId);
}

export function connectorTarget(ctx: SeedContext, connector: Connector): string | undefined {
  const target = connector.metadata.target;
  return typeof target === 'string' && target !== '' ? target : factoryOf(ctx, connector)?.target;
}

/** The first connector of a given factory (e.g. the mock social connector), if any. */
export function findConnectorByFactory(ctx: SeedContext, factoryId: string): Connector | undefined {
  const { state } = ctx;
  return [...state.connectors.values()].find((connector) => connector.connectorId === factoryId);
}

// ---------------------------------------------------------------------------------------------
// Identities

/** Stores `user.identities[target]` (jsonb key order, as Logto returns it). */
export function linkSocialIdentity(ctx: SeedContext, userId: string, target: string, identity: SocialIdentity): void {
  const { state } = ctx;
  const user = state.users.get(userId);
  if (!user) throw new Error(`linkSocialIdentity: no user ${userId}`);
  const next: Record<string, SocialIdentity> = { ...user.identities, [target]: identity };
  user.identities = jsonbOrder(next as unknown as JsonObject) as unknown as Record<string, SocialIdentity>;
  state.touchUser(user);
}

export interface SsoIdentityInput {
  ssoConnectorId: string;
  issuer?: string;
  identityId: string;
  detail?: JsonObject;
}

export function addSsoIdentity(ctx: SeedContext, userId: string, input: SsoIdentityInput): SsoIdentity {
  const { state } = ctx;
  const user = state.users.get(userId);
  if (!user) throw new Error(`addSsoIdentity: no user ${userId}`);
  const at = ctx.now();
  const identity: SsoIdentity = {
    tenantId: state.tenantId,
    id: standardId(),
    userId,
    issuer: input.issuer ?? 'https://sso.example.test',
    identityId: input.identityId,
    detail: jsonbOrder(input.detail ?? {}),
    createdAt: at,
    updatedAt: at,
    ssoConnectorId: input.ssoConnectorId,
  };
  user.ssoIdentities.push(identity);
  return identity;
}

// ---------------------------------------------------------------------------------------------
// MFA

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 random bytes in base32: 32 characters (07-mfa-create-totp-generated). */
export function generateTotpSecret(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** 10 codes of 10 lowercase hex characters (07-mfa-create-backup-code). */
export function generateBackupCodes(): string[] {
  return Array.from({ length: 10 }, () => randomBytes(5).toString('hex'));
}

export interface MfaVerificationInput {
  type: 'Totp' | 'BackupCode' | 'WebAuthn';
  /** Totp: the base32 secret (generated when absent). */
  secret?: string;
  /** BackupCode: the codes (generated when absent); `usedCodes` marks some of them used. */
  codes?: string[];
  usedCodes?: string[];
  /** WebAuthn: the passkey's name and the user agent it was registered with. */
  name?: string;
  agent?: string;
  credentialId?: string;
  createdAt?: string | number;
}

/** Adds an MFA factor to a user without the Management API's rules (a WebAuthn factor included). */
export function addMfaVerification(ctx: SeedContext, userId: string, input: MfaVerificationInput): MfaVerification {
  const { state } = ctx;
  if (!state.users.has(userId)) throw new Error(`addMfaVerification: no user ${userId}`);
  const createdAt =
    input.createdAt === undefined
      ? new Date(ctx.now()).toISOString()
      : new Date(input.createdAt).toISOString();
  const verification: MfaVerification = { id: standardId(), type: input.type, createdAt };
  if (input.type === 'Totp') {
    verification.key = input.secret ?? generateTotpSecret();
  } else if (input.type === 'BackupCode') {
    const used = new Set(input.usedCodes ?? []);
    verification.codes = (input.codes ?? generateBackupCodes()).map(
      (code): BackupCodeEntry => ({ code, usedAt: used.has(code) ? createdAt : null }),
    );
  } else {
    verification.credentialId = input.credentialId ?? randomBytes(16).toString('base64url');
    verification.publicKey = randomBytes(65).toString('base64url');
    verification.counter = 0;
    verification.agent = input.agent ?? 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
    if (input.name !== undefined) verification.name = input.name;
  }
  state.setMfaOf(userId, [...state.mfaOf(userId), verification]);
  state.touchUser(state.users.get(userId)!);
  return verification;
}

// ---------------------------------------------------------------------------------------------
// Applications, sessions, grants

/** 14 days (08-sessions-list: `exp - iat`). */
export const SESSION_TTL_SECONDS = 14 * 24 * 3600;
/** 180 days (08-grants-list: `exp - iat`). */
export const GRANT_TTL_SECONDS = 180 * 24 * 3600;

/** The OIDC scopes of the recorded SPA sign-in (08-grants-list). */
export const DEFAULT_GRANT_SCOPE =
  'openid offline_access profile email phone custom_data identities urn:logto:scope:sessions';

/** Returns the application, creating a first-party SPA of that id when there is none. */
export function ensureApplication(
  ctx: SeedContext,
  clientId: string,
  options: { name?: string; isThirdParty?: boolean; type?: Application['type'] } = {},
): Application {
  const { state } = ctx;
  const existing = state.applications.get(clientId);
  if (existing) return existing;
  const application: Application = {
    id: clientId,
    name: options.name ?? 'emulator-spa',
    type: options.type ?? 'SPA',
    isThirdParty: options.isThirdParty ?? false,
  };
  state.applications.set(clientId, application);
  return application;
}

export interface GrantInput {
  clientId: string;
  /** OIDC scopes (`payload.openid.scope`); default: the recorded SPA scopes incl. offline_access. */
  scope?: string;
  /** `payload.resources`: resource indicator -> space-separated scopes. */
  resources?: Record<string, string>;
  /** Attach the grant to this session's `authorizations[clientId]`. */
  sessionId?: string;
  /** ms; default now. */
  issuedAt?: number;
  /** seconds; default 180 days. */
  ttlSeconds?: number;
  applicationName?: string;
  isThirdParty?: boolean;
}

export function addGrant(ctx: SeedContext, userId: string, input: GrantInput): OidcGrant {
  const { state } = ctx;
  ensureApplication(ctx, input.clientId, { name: input.applicationName, isThirdParty: input.isThirdParty });
  const issuedAtMs = input.issuedAt ?? ctx.now();
  const iat = Math.floor(issuedAtMs / 1000);
  const ttl = input.ttlSeconds ?? GRANT_TTL_SECONDS;
  const jti = nanoid();
  const grant: OidcGrant = {
    payload: {
      exp: iat + ttl,
      iat,
      jti,
      kind: 'Grant',
      clientId: input.clientId,
      accountId: userId,
      openid: { scope: input.scope ?? DEFAULT_GRANT_SCOPE },
      resources: { ...(input.resources ?? { 'https://account.example.test': 'account:write account:read' }) },
    },
    expiresAt: issuedAtMs + ttl * 1000,
  };
  state.grants.set(jti, grant);
  if (input.sessionId !== undefined) {
    const session = state.sessions.get(input.sessionId);
    if (!session) throw new Error(`addGrant: no session ${input.sessionId}`);
    session.payload.authorizations[input.clientId] = { sid: nanoid(), grantId: jti, persistsLogout: true };
  }
  return grant;
}

export interface SessionInput {
  /** The application signed in to (created as a first-party SPA if unknown). */
  clientId?: string;
  applicationName?: string;
  isThirdParty?: boolean;
  ip?: string;
  userAgent?: string;
  /** ms; default now. */
  loginAt?: number;
  /** seconds; default 14 days. */
  ttlSeconds?: number;
  /** Grant scopes/resources (see `GrantInput`); `grant: false` creates a session without authorization. */
  scope?: string;
  resources?: Record<string, string>;
  grant?: boolean;
  /** The identifier of the password verification in `lastSubmission` (default: username, e-mail, phone or id). */
  identifier?: PasswordVerificationRecord['identifier'];
}

export interface SeededSession {
  sessionId: string;
  /** Empty string when `grant: false`. */
  grantId: string;
  sid: string;
  jti: string;
}

/**
 * A sign-in session as Logto records it after a password sign-in to `clientId` (08-sessions-list):
 * the session, its grant, and `authorizations[clientId] = {sid, grantId, persistsLogout: true}`.
 */
export function addSession(ctx: SeedContext, userId: string, input: SessionInput = {}): SeededSession {
  const { state } = ctx;
  const user = state.users.get(userId);
  if (!user) throw new Error(`addSession: no user ${userId}`);
  const clientId = input.clientId ?? 'emulatorspa';
  ensureApplication(ctx, clientId, { name: input.applicationName, isThirdParty: input.isThirdParty });
  const loginAtMs = input.loginAt ?? ctx.now();
  const iat = Math.floor(loginAtMs / 1000);
  const ttl = input.ttlSeconds ?? SESSION_TTL_SECONDS;
  const uid = nanoid();
  const jti = nanoid();
  const identifier: PasswordVerificationRecord['identifier'] =
    input.identifier ??
    (user.username !== null
      ? { type: 'username', value: user.username }
      : user.primaryEmail !== null
        ? { type: 'email', value: user.primaryEmail }
        : user.primaryPhone !== null
          ? { type: 'phone', value: user.primaryPhone }
          : { type: 'userId', value: user.id });
  const lastSubmission: SessionLastSubmission = {
    interactionEvent: 'SignIn',
    userId,
    verificationRecords: [{ id: standardId(), type: 'Password', identifier, verified: true }],
    signInContext: { ip: input.ip ?? '127.0.0.1', userAgent: input.userAgent ?? 'node' },
  };
  const session: OidcSession = {
    payload: {
      exp: iat + ttl,
      iat,
      jti,
      uid,
      kind: 'Session',
      loginTs: iat,
      accountId: userId,
      authorizations: {},
    },
    lastSubmission,
    clientId,
    accountId: userId,
    expiresAt: loginAtMs + ttl * 1000,
  };
  state.sessions.set(uid, session);
  let grantId = '';
  let sid = '';
  if (input.grant !== false) {
    const grant = addGrant(ctx, userId, {
      clientId,
      scope: input.scope,
      resources: input.resources,
      sessionId: uid,
      issuedAt: loginAtMs,
    });
    grantId = grant.payload.jti;
    sid = session.payload.authorizations[clientId]!.sid;
  }
  return { sessionId: uid, grantId, sid, jti };
}

/** Revokes a grant and removes it from the `authorizations` of the user's sessions. */
export function revokeGrant(ctx: SeedContext, grantId: string): boolean {
  const { state } = ctx;
  const grant = state.grants.get(grantId);
  if (!grant) return false;
  state.grants.delete(grantId);
  for (const session of state.sessions.values()) {
    if (session.accountId !== grant.payload.accountId) continue;
    for (const [clientId, authorization] of Object.entries(session.payload.authorizations)) {
      if (authorization.grantId === grantId) delete session.payload.authorizations[clientId];
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Organizations

export interface OrganizationInput {
  name: string;
  description?: string | null;
  customData?: JsonObject;
  isMfaRequired?: boolean;
  id?: string;
}

export function addOrganization(ctx: SeedContext, input: OrganizationInput): Organization {
  const { state } = ctx;
  const organization: Organization = {
    tenantId: state.tenantId,
    id: input.id ?? standardId(),
    name: input.name,
    description: input.description ?? null,
    customData: jsonbOrder(input.customData ?? {}),
    isMfaRequired: input.isMfaRequired ?? false,
    color: {},
    branding: {},
    customCss: null,
    createdAt: ctx.now(),
  };
  state.organizations.set(organization.id, organization);
  return organization;
}

export function addOrganizationRole(
  ctx: SeedContext,
  input: { name: string; description?: string | null; id?: string },
): OrganizationRole {
  const { state } = ctx;
  const role: OrganizationRole = {
    tenantId: state.tenantId,
    id: input.id ?? standardId(),
    name: input.name,
    description: input.description ?? null,
    type: 'User',
  };
  state.organizationRoles.set(role.id, role);
  return role;
}

/**
 * Makes the user a member of the organization. `roles` are organization role ids or names; an
 * unknown name creates the role.
 */
export function addUserToOrganization(ctx: SeedContext, userId: string, organizationId: string, roles: string[] = []): void {
  const { state } = ctx;
  if (!state.users.has(userId)) throw new Error(`addUserToOrganization: no user ${userId}`);
  if (!state.organizations.has(organizationId)) throw new Error(`addUserToOrganization: no organization ${organizationId}`);
  const roleIds = roles.map((idOrName) => {
    if (state.organizationRoles.has(idOrName)) return idOrName;
    const byName = [...state.organizationRoles.values()].find((role) => role.name === idOrName);
    return (byName ?? addOrganizationRole(ctx, { name: idOrName })).id;
  });
  const key = state.membershipKey(organizationId, userId);
  const existing = state.organizationMemberships.get(key);
  if (existing) {
    existing.organizationRoleIds = [...new Set([...existing.organizationRoleIds, ...roleIds])];
  } else {
    state.organizationMemberships.set(key, { organizationId, userId, organizationRoleIds: [...new Set(roleIds)] });
  }
}
