import type {
  JsonObject,
  LogtoAllIdentities,
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
  abstract updateUser(userId: string, patch: LogtoUserPatch): Promise<LogtoUser>;
  abstract deleteUser(userId: string): Promise<void>;
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

  // MFA
  abstract listMfaVerifications(userId: string): Promise<LogtoMfaVerification[]>;
  abstract createTotpVerification(userId: string, secret: string): Promise<void>;
  abstract createBackupCodes(userId: string): Promise<string[]>;
  abstract deleteMfaVerification(userId: string, verificationId: string): Promise<void>;

  // Sessions and grants
  abstract listSessions(userId: string): Promise<LogtoSession[]>;
  abstract deleteSession(userId: string, sessionId: string, revokeGrants: boolean): Promise<void>;
  abstract listGrants(userId: string): Promise<LogtoGrant[]>;
  abstract deleteGrant(userId: string, grantId: string): Promise<void>;

  // Organizations and logs
  abstract listOrganizations(userId: string): Promise<LogtoOrganization[]>;
  abstract listUserLogs(userId: string, page: { page: number; pageSize: number }): Promise<LogtoPage<LogtoLogEntry>>;
}

export type { LogtoMfaCreateResult };
