/**
 * In-memory state of the Logto emulator.
 *
 * Shapes follow what Logto OSS 1.41.0 returned in ../shared/logto/exchanges. What Logto sends or
 * accepts is typed from its own document (@logto-account-service/logto-api-types); the stored records
 * keep a few extra fields (password hash, TOTP secret, backup codes, ...) that Logto keeps in its
 * database but never returns. Route modules read and write these maps directly; serialisation
 * into the recorded response shapes happens in the routes (`toUserResponse` lives here because
 * several route modules return the user profile).
 */
import { createHash, randomInt, scryptSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type {
  LogtoConnector,
  LogtoGrant,
  LogtoLogEntry,
  LogtoLogtoConfig,
  LogtoMfaType,
  LogtoOrganization,
  LogtoPasswordPolicy,
  LogtoResponse,
  LogtoRole,
  LogtoSession,
  LogtoSocialIdentity,
  LogtoSsoIdentity,
  LogtoUser,
} from '@logto-account-service/logto-api-types';

// ---------------------------------------------------------------------------------------------
// Ids

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Logto ids are 12 chars of `[a-z0-9]` (see `{userId}` in the README of the exchanges). */
export function generateId(length = 12): string {
  let id = '';
  for (let i = 0; i < length; i += 1) {
    id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// JSON helpers

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// ---------------------------------------------------------------------------------------------
// Users

/** A social identity as stored in `user.identities[target]` (03-users-get, 06-identities-*). */
export type SocialIdentity = LogtoSocialIdentity;

/** Enterprise SSO identity, returned by `?includeSsoIdentities=true` and `/all-identities`. */
export type SsoIdentity = LogtoSsoIdentity;

/** `GET /api/users/{id}/logto-configs` (07-logto-configs-get-initial). */
export type LogtoConfig = LogtoLogtoConfig;

/** The user object Logto returns (03-users-get): no secrets, `hasPassword` derived. */
export type UserResponse = LogtoUser;

/** The profile object (OIDC standard claims that are not top-level user fields). */
export type UserProfile = UserResponse['profile'];

/** Fields of the user object that the emulator stores as they are (the rest is derived or never returned). */
type StoredUserFields = Omit<UserResponse, 'hasPassword' | 'hasSecurityVerificationMethod' | 'ssoIdentities' | 'passwordDigest' | 'passwordAlgorithm'>;

/** Fields a caller may give when creating a user (POST /api/users or `seedUser`). */
export interface UserInput extends StoredUserFields {
  ssoIdentities: SsoIdentity[];
  logtoConfig: LogtoConfig;
}

/** A stored user: every field of Logto's user object plus what Logto keeps server-side. */
export interface EmulatorUser extends UserInput {
  /** `scrypt$<salt b64>$<hash b64>`; null when the user has no password. */
  passwordHash: string | null;
}

export function defaultLogtoConfig(): LogtoConfig {
  return { mfa: { skipped: false, skipMfaOnSignIn: false }, passkeySignIn: { skipped: false } };
}

/** Serialises a user in the key order Logto uses (03-users-get / 03-users-get-include-sso-identities). */
export function toUserResponse(user: EmulatorUser, includeSsoIdentities = false): UserResponse {
  const response: UserResponse = {
    id: user.id,
    username: user.username,
    primaryEmail: user.primaryEmail,
    primaryPhone: user.primaryPhone,
    name: user.name,
    avatar: user.avatar,
    customData: structuredClone(user.customData),
    identities: structuredClone(user.identities),
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    profile: structuredClone(user.profile),
    applicationId: user.applicationId,
    isSuspended: user.isSuspended,
    hasPassword: user.passwordHash !== null,
  };
  if (includeSsoIdentities) {
    response.ssoIdentities = structuredClone(user.ssoIdentities);
  }
  return response;
}

// Passwords: scrypt with a small cost; this is a test double, the cost only needs to be real
// enough that the hash is not the password.
const SCRYPT_OPTIONS = { N: 1024, r: 8, p: 1 } as const;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT_OPTIONS);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function verifyPassword(password: string, stored: string | null): boolean {
  if (stored === null) {
    return false;
  }
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || saltB64 === undefined || hashB64 === undefined) {
    return false;
  }
  const expected = Buffer.from(hashB64, 'base64');
  const actual = scryptSync(password, Buffer.from(saltB64, 'base64'), expected.length, SCRYPT_OPTIONS);
  return timingSafeEqual(expected, actual);
}

// ---------------------------------------------------------------------------------------------
// Roles

/** 03-users-roles-list. */
export type Role = Pick<LogtoRole, 'tenantId' | 'id' | 'name' | 'description' | 'type' | 'isDefault'>;

// ---------------------------------------------------------------------------------------------
// MFA verifications (per user) — served by routes/mfa.ts

export type MfaFactorType = Extract<LogtoMfaType, 'Totp' | 'BackupCode' | 'WebAuthn'>;

export interface BackupCodeEntry {
  code: string;
  usedAt: string | null;
}

/** Stored MFA factor. List entries are `{id, createdAt, type, remainCodes?}` (07-mfa-list-nonempty). */
export interface MfaVerification {
  id: string;
  type: MfaFactorType;
  /** ISO string, as Logto returns it for MFA `createdAt`. */
  createdAt: string;
  /** Totp: base32 secret. */
  key?: string;
  /** BackupCode: the 10 codes. */
  codes?: BackupCodeEntry[];
  /** WebAuthn: opaque credential data (not produced by the Management API). */
  credentialId?: string;
  publicKey?: string;
  counter?: number;
  agent?: string;
  name?: string;
}

// ---------------------------------------------------------------------------------------------
// Applications (needed to serialise grants: `application: {id, name}`, first-party filter)

export interface Application {
  id: string;
  name: string;
  type: 'SPA' | 'Native' | 'Traditional' | 'MachineToMachine';
  isThirdParty: boolean;
  /** Only for M2M / confidential apps. */
  secret?: string;
}

// ---------------------------------------------------------------------------------------------
// OIDC sessions and grants (08-sessions-list, 08-grants-list) — served by routes/sessions.ts

/**
 * A session as 08-sessions-list lists it; `payload.uid` is the `{sessionId}` of the per-session routes. The
 * emulator's sessions always belong to an account and list their authorizations.
 */
export interface OidcSession extends LogtoSession {
  payload: LogtoSession['payload'] & { authorizations: Record<string, SessionAuthorization> };
  accountId: string;
}

/** What the emulator writes in `payload.authorizations[clientId]`: Logto's fields, all of them. */
export type SessionAuthorization = Required<NonNullable<LogtoSession['payload']['authorizations']>[string]>;

export type SessionLastSubmission = NonNullable<LogtoSession['lastSubmission']>;

/** The password verification record Logto leaves after a password sign-in (08-sessions-list). */
export type PasswordVerificationRecord = Extract<SessionLastSubmission['verificationRecords'][number], { type: 'Password' }>;

/** `grants[].payload` of 08-grants-list; the grant id is `payload.jti`. */
export type GrantPayload = LogtoGrant['payload'];

/** A stored grant: the listed one adds `id` and the joined `application`. */
export type OidcGrant = Pick<LogtoGrant, 'payload' | 'expiresAt'>;

// ---------------------------------------------------------------------------------------------
// Organizations (09-user-organizations-*) — served by routes/organizations.ts

/** An organization as 09-user-organizations-list lists it, less the user's roles there (joined per request). */
export type Organization = Omit<LogtoOrganization, 'organizationRoles'>;

export type OrganizationRole = Pick<LogtoResponse<'/api/organization-roles', 'get'>[number], 'tenantId' | 'id' | 'name' | 'description' | 'type'>;

/** Membership of one user in one organization, with organization role ids. */
export interface OrganizationMembership {
  organizationId: string;
  userId: string;
  organizationRoleIds: string[];
}

// ---------------------------------------------------------------------------------------------
// Connectors (06-connectors-*) — served by routes/connectors.ts

export type ConnectorType = LogtoConnector['type'];

/** A connector factory as `GET /api/connector-factories` lists it (06-connector-factories-list). */
export interface ConnectorFactory {
  id: string;
  target: string;
  type: ConnectorType;
  platform: string | null;
  isDemo: boolean;
  name: JsonObject;
  description: JsonObject;
  logo: string;
  logoDark: string | null;
  readme: string;
  configTemplate: string;
  /** Any further recorded fields (isStandard, formItems, ...). */
  extra?: JsonObject;
}

/** A connector instance (06-connectors-list): `id` is the instance id, `connectorId` the factory id. */
export interface Connector {
  id: string;
  connectorId: string;
  syncProfile: boolean;
  enableTokenStorage: boolean;
  config: JsonObject;
  metadata: JsonObject;
  /** Fields copied from the factory at serialisation time may be overridden here. */
  extra?: JsonObject;
}

// ---------------------------------------------------------------------------------------------
// Logs (10-logs-*)

export type LogPayload = LogtoLogEntry['payload'];

export type LogEntry = LogtoLogEntry;

// ---------------------------------------------------------------------------------------------
// Verification codes (05-vcode-*)

export type VerificationChannel = 'email' | 'phone';

export interface PendingVerificationCode {
  channel: VerificationChannel;
  to: string;
  code: string;
  createdAt: number;
  /** wrong attempts so far; the 11th verify after 10 wrong ones is exceed_max_try. */
  failedAttempts: number;
}

export interface OutboxMessage {
  to: string;
  channel: VerificationChannel;
  code: string;
  sentAt: number;
}

// ---------------------------------------------------------------------------------------------
// Sign-in experience (04-sign-in-exp-*)

export type PasswordPolicy = LogtoPasswordPolicy;

export function defaultPasswordPolicy(): PasswordPolicy {
  return {
    length: { min: 8, max: 256 },
    characterTypes: { min: 1 },
    rejects: { pwned: true, repetitionAndSequence: true, userInfo: true, words: [] },
  };
}

// ---------------------------------------------------------------------------------------------
// The state

const NO_MFA_FACTORS: readonly MfaVerification[] = Object.freeze([]);

export class EmulatorState {
  readonly tenantId = 'default';
  readonly users = new Map<string, EmulatorUser>();
  readonly roles = new Map<string, Role>();
  /** userId -> role ids */
  readonly userRoles = new Map<string, Set<string>>();
  /** userId -> MFA factors */
  readonly mfaVerifications = new Map<string, MfaVerification[]>();
  readonly applications = new Map<string, Application>();
  /** keyed by `payload.uid` (the `{sessionId}`) */
  readonly sessions = new Map<string, OidcSession>();
  /** keyed by `payload.jti` (the `{grantId}`) */
  readonly grants = new Map<string, OidcGrant>();
  readonly organizations = new Map<string, Organization>();
  readonly organizationRoles = new Map<string, OrganizationRole>();
  /** key `${organizationId}:${userId}` */
  readonly organizationMemberships = new Map<string, OrganizationMembership>();
  readonly connectorFactories = new Map<string, ConnectorFactory>();
  readonly connectors = new Map<string, Connector>();
  /** newest last; routes sort newest first */
  readonly logs: LogEntry[] = [];
  /** key `${channel}:${to}` */
  readonly verificationCodes = new Map<string, PendingVerificationCode>();
  /** key `${channel}:${to}` -> send timestamps (ms), for the 10-per-10-minutes cap */
  readonly verificationSends = new Map<string, number[]>();
  readonly outbox: OutboxMessage[] = [];
  passwordPolicy: PasswordPolicy = defaultPasswordPolicy();

  constructor(private readonly now: () => number = Date.now) {}

  /** Creates and stores a user, filling id, timestamps and defaults. */
  createUser(input: Partial<UserInput> & { password?: string | null; passwordHash?: string | null } = {}): EmulatorUser {
    const at = this.now();
    const { password, passwordHash, ...fields } = input;
    const user: EmulatorUser = {
      id: fields.id ?? generateId(),
      username: fields.username ?? null,
      primaryEmail: fields.primaryEmail ?? null,
      primaryPhone: fields.primaryPhone ?? null,
      name: fields.name ?? null,
      avatar: fields.avatar ?? null,
      customData: fields.customData ?? {},
      identities: fields.identities ?? {},
      profile: fields.profile ?? {},
      applicationId: fields.applicationId ?? null,
      isSuspended: fields.isSuspended ?? false,
      lastSignInAt: fields.lastSignInAt ?? null,
      createdAt: fields.createdAt ?? at,
      updatedAt: fields.updatedAt ?? fields.createdAt ?? at,
      ssoIdentities: fields.ssoIdentities ?? [],
      logtoConfig: fields.logtoConfig ?? defaultLogtoConfig(),
      passwordHash: passwordHash ?? (password ? hashPassword(password) : null),
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Marks a user as modified (Logto bumps `updatedAt` on every write). */
  touchUser(user: EmulatorUser): void {
    user.updatedAt = Math.max(this.now(), user.updatedAt);
  }

  /** Ends every sign-in session of the user and revokes its grants (Logto's `signOutUser`, e.g. on suspension). */
  signOutUser(userId: string): void {
    for (const [id, session] of this.sessions) {
      if (session.accountId === userId) this.sessions.delete(id);
    }
    for (const [id, grant] of this.grants) {
      if (grant.payload.accountId === userId) this.grants.delete(id);
    }
  }

  /** Removes a user and everything that hangs off it (Logto cascades on delete). */
  deleteUser(userId: string): boolean {
    if (!this.users.delete(userId)) {
      return false;
    }
    this.userRoles.delete(userId);
    this.mfaVerifications.delete(userId);
    this.signOutUser(userId);
    for (const [key, membership] of this.organizationMemberships) {
      if (membership.userId === userId) this.organizationMemberships.delete(key);
    }
    return true;
  }

  findUserBy(field: 'username' | 'primaryEmail' | 'primaryPhone', value: string, exceptId?: string): EmulatorUser | undefined {
    // Logto 1.41: e-mail uniqueness is case-insensitive (03-users-patch-email-taken-different-case);
    // usernames are case-sensitive under the default usernamePolicy (caseSensitive: true).
    const wanted = field === 'primaryEmail' ? value.toLowerCase() : value;
    for (const user of this.users.values()) {
      if (user.id === exceptId) continue;
      const current = user[field];
      if (current === null) continue;
      if ((field === 'primaryEmail' ? current.toLowerCase() : current) === wanted) return user;
    }
    return undefined;
  }

  /**
   * The user's MFA factors. Reading never creates anything: a user without factors gets a shared
   * empty list, so a GET cannot change `digest()`. Write through `setMfaOf`.
   */
  mfaOf(userId: string): readonly MfaVerification[] {
    return this.mfaVerifications.get(userId) ?? NO_MFA_FACTORS;
  }

  /** Replaces the user's MFA factors; an empty list removes the entry (Logto stores factors as rows). */
  setMfaOf(userId: string, factors: readonly MfaVerification[]): void {
    if (factors.length === 0) this.mfaVerifications.delete(userId);
    else this.mfaVerifications.set(userId, [...factors]);
  }

  membershipKey(organizationId: string, userId: string): string {
    return `${organizationId}:${userId}`;
  }

  addLog(entry: Omit<LogEntry, 'tenantId' | 'id' | 'createdAt'> & { createdAt?: number; id?: string }): LogEntry {
    const log: LogEntry = {
      tenantId: this.tenantId,
      id: entry.id ?? generateId(21),
      key: entry.key,
      payload: entry.payload,
      createdAt: entry.createdAt ?? this.now(),
    };
    this.logs.push(log);
    return log;
  }

  /**
   * A stable hash of the account state, for tests proving that a refused request changed nothing.
   * It depends on what Logto stores and would answer, never on how the emulator got there: no read
   * changes it (test/emulator/state-digest.e2e-spec.ts runs every GET route), and a per-user
   * collection that is missing hashes like an empty one (Logto keeps MFA factors and role
   * assignments as rows; no rows reads as `[]`), so a container created on the way never shows.
   * Outbox, logs and rate-limit windows are excluded: they record traffic, not account state.
   */
  digest(): string {
    const sortedEntries = <V>(map: Map<string, V>): Array<[string, V]> =>
      [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const snapshot = {
      users: sortedEntries(this.users),
      roles: sortedEntries(this.roles),
      userRoles: sortedEntries(this.userRoles)
        .filter(([, set]) => set.size > 0)
        .map(([id, set]) => [id, [...set].sort()]),
      mfa: sortedEntries(this.mfaVerifications).filter(([, factors]) => factors.length > 0),
      applications: sortedEntries(this.applications),
      sessions: sortedEntries(this.sessions),
      grants: sortedEntries(this.grants),
      organizations: sortedEntries(this.organizations),
      organizationRoles: sortedEntries(this.organizationRoles),
      memberships: sortedEntries(this.organizationMemberships),
      connectorFactories: sortedEntries(this.connectorFactories),
      connectors: sortedEntries(this.connectors),
      verificationCodes: sortedEntries(this.verificationCodes),
      passwordPolicy: this.passwordPolicy,
    };
    return createHash('sha256').update(stableStringify(snapshot)).digest('hex');
  }
}

/** JSON with object keys sorted, so equal states hash equally whatever the insertion order. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
