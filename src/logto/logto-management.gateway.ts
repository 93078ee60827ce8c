import type {
  JsonObject,
  LogtoAllIdentities,
  LogtoConnector,
  LogtoGrant,
  LogtoLogEntry,
  LogtoMfaCreateResult,
  LogtoMfaVerification,
  LogtoOrganization,
  LogtoPage,
  LogtoPasswordCheck,
  LogtoSession,
  LogtoUser,
  LogtoUserPatch,
  LogtoUserProfile,
  VerificationCodeTarget,
} from './logto.types.js';

/**
 * The port to Logto's Management API (an abstract class so it can be the DI token). Domain services call
 * these typed methods and receive typed results or a DomainError with one of our codes; nothing outside the
 * implementation knows Logto's URLs, payloads or error codes.
 */
export abstract class LogtoManagementGateway {
  /** Readiness: Logto's OIDC discovery document answers. */
  abstract ping(): Promise<void>;

  // Users
  abstract getUser(userId: string): Promise<LogtoUser>;
  /**
   * The users whose primary email (compared case-insensitively, as Logto's uniqueness check does) or primary
   * phone is exactly this value: at most one in practice, since Logto keeps them unique.
   */
  abstract findUsersByContact(contact: VerificationCodeTarget): Promise<LogtoUser[]>;
  abstract updateUser(userId: string, patch: LogtoUserPatch): Promise<LogtoUser>;
  abstract deleteUser(userId: string): Promise<void>;
  /** One page of all users, newest first (GET /api/users; 11-users-list-page1-size1). */
  abstract listUsers(page: { page: number; pageSize: number }): Promise<LogtoPage<LogtoUser>>;
  abstract getCustomData(userId: string): Promise<JsonObject>;
  /** Logto merges top-level keys (shallow) and stores `null` as null: it cannot delete a key. */
  abstract mergeCustomData(userId: string, partial: JsonObject): Promise<JsonObject>;
  /** Logto merges top-level profile keys (shallow). */
  abstract mergeProfile(userId: string, partial: LogtoUserProfile): Promise<LogtoUserProfile>;

  // Password
  abstract hasPassword(userId: string): Promise<boolean>;
  /** True for the right password, false for a wrong one (or a user without password). */
  abstract verifyPassword(userId: string, password: string): Promise<boolean>;
  abstract setPassword(userId: string, password: string): Promise<void>;
  abstract checkPasswordPolicy(password: string, userId?: string): Promise<LogtoPasswordCheck>;

  // Verification codes (sent through the tenant's email / SMS connector)
  abstract sendVerificationCode(target: VerificationCodeTarget): Promise<void>;
  abstract verifyVerificationCode(target: VerificationCodeTarget, code: string): Promise<void>;

  // Identities and connectors
  abstract getAllIdentities(userId: string): Promise<LogtoAllIdentities>;
  abstract linkSocialIdentity(userId: string, connectorId: string, connectorData: JsonObject): Promise<Record<string, unknown>>;
  abstract unlinkSocialIdentity(userId: string, target: string): Promise<void>;
  abstract createSocialAuthorizationUri(connectorId: string, args: { redirectUri: string; state: string }): Promise<string>;
  /** The tenant's connector instances (ids, targets and types only; never their config). */
  abstract listConnectors(): Promise<LogtoConnector[]>;

  // MFA
  abstract listMfaVerifications(userId: string): Promise<LogtoMfaVerification[]>;
  abstract createTotpVerification(userId: string, secret: string): Promise<void>;
  /**
   * Binds a set of backup codes. With `codes` (10-char lowercase hex each) Logto stores exactly those, so a
   * caller can repeat the call after an unclear failure and still know the codes the user holds.
   */
  abstract createBackupCodes(userId: string, codes?: string[]): Promise<string[]>;
  abstract deleteMfaVerification(userId: string, verificationId: string): Promise<void>;

  // Sessions and grants
  abstract listSessions(userId: string): Promise<LogtoSession[]>;
  abstract deleteSession(userId: string, sessionId: string, revokeGrants: boolean): Promise<void>;
  abstract listGrants(userId: string): Promise<LogtoGrant[]>;
  abstract deleteGrant(userId: string, grantId: string): Promise<void>;

  // Organizations and logs
  abstract listOrganizations(userId: string): Promise<LogtoOrganization[]>;
  /** Newest first; `before` (epoch ms, exclusive) keeps only entries created earlier (Logto's `end_time`). */
  abstract listUserLogs(userId: string, page: { page: number; pageSize: number; before?: number }): Promise<LogtoPage<LogtoLogEntry>>;
}

export type { LogtoMfaCreateResult };
