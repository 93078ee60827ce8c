/**
 * The shapes of Logto's Management API objects this service reads, as recorded from Logto OSS 1.41
 * (../shared/logto/exchanges). Only the gateway and the mappers in domain services see these.
 */
export type JsonObject = Record<string, unknown>;

export interface LogtoSocialIdentity {
  userId: string;
  details?: JsonObject;
}

export interface LogtoSsoIdentity {
  id?: string;
  ssoConnectorId: string;
  issuer: string;
  identityId: string;
  detail?: JsonObject;
  createdAt?: number;
  updatedAt?: number;
}

export interface LogtoUserProfile {
  familyName?: string;
  givenName?: string;
  middleName?: string;
  nickname?: string;
  preferredUsername?: string;
  profile?: string;
  website?: string;
  gender?: string;
  birthdate?: string;
  zoneinfo?: string;
  locale?: string;
  address?: {
    formatted?: string;
    streetAddress?: string;
    locality?: string;
    region?: string;
    postalCode?: string;
    country?: string;
  };
}

export interface LogtoUser {
  id: string;
  username: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  name: string | null;
  avatar: string | null;
  customData: JsonObject;
  identities: Record<string, LogtoSocialIdentity>;
  lastSignInAt: number | null;
  createdAt: number;
  updatedAt: number;
  profile: LogtoUserProfile;
  applicationId: string | null;
  isSuspended: boolean;
  hasPassword?: boolean;
  ssoIdentities?: LogtoSsoIdentity[];
}

export interface LogtoUserPatch {
  username?: string | null;
  primaryEmail?: string | null;
  primaryPhone?: string | null;
  name?: string | null;
  avatar?: string | null;
  customData?: JsonObject;
  profile?: LogtoUserProfile;
}

export interface LogtoAllIdentities {
  socialIdentities: Array<{ target: string; identity: LogtoSocialIdentity }>;
  ssoIdentities: LogtoSsoIdentity[];
}

/** A connector instance as GET /api/connectors lists it, reduced to what callers need (06-connectors-list). */
export interface LogtoConnector {
  /** The instance id (the `connectorId` of link and authorization-uri calls). */
  id: string;
  /** The identity key it links under (`user.identities[target]`), e.g. `github`. */
  target: string;
  type: 'Social' | 'Email' | 'Sms' | string;
  /** The factory it was made from, e.g. `mock-social-connector`. */
  connectorId: string;
}

export interface LogtoPasswordCheck {
  result: boolean;
  issues: Array<{ code: string; interpolation?: JsonObject }>;
}

export type VerificationCodeTarget = { email: string } | { phone: string };

export type LogtoMfaType = 'Totp' | 'WebAuthn' | 'BackupCode' | 'EmailVerificationCode' | 'PhoneVerificationCode';

export interface LogtoMfaVerification {
  id: string;
  createdAt: string;
  type: LogtoMfaType | string;
  agent?: string;
  name?: string;
  remainCodes?: number;
  lastUsedAt?: string;
}

export type LogtoMfaCreateResult =
  | { type: 'Totp'; secret: string; secretQrCode: string }
  | { type: 'BackupCode'; codes: string[] };

export interface LogtoSession {
  payload: {
    exp: number;
    iat: number;
    jti: string;
    uid: string;
    kind: 'Session';
    loginTs: number;
    accountId: string;
    authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
  };
  lastSubmission?: {
    interactionEvent?: string;
    userId?: string;
    verificationRecords?: Array<{ id?: string; type?: string; verified?: boolean; identifier?: { type?: string } }>;
    signInContext?: { ip?: string; userAgent?: string };
  } | null;
  clientId: string | null;
  accountId: string | null;
  expiresAt: number;
}

export interface LogtoGrant {
  id: string;
  payload: {
    exp: number;
    iat: number;
    jti: string;
    kind: 'Grant';
    clientId: string;
    accountId: string;
    openid?: { scope?: string };
    resources?: Record<string, string>;
  };
  expiresAt: number;
  application?: { id: string; name: string } | null;
}

export interface LogtoOrganization {
  id: string;
  name: string;
  description: string | null;
  organizationRoles: Array<{ id: string; name: string }>;
}

export interface LogtoLogEntry {
  id: string;
  key: string;
  payload: {
    key: string;
    result: 'Success' | 'Error' | string;
    ip?: string;
    userAgent?: string;
    userId?: string;
    applicationId?: string;
    sessionId?: string;
    [other: string]: unknown;
  };
  createdAt: number;
}

export interface LogtoPage<T> {
  items: T[];
  total: number;
}
