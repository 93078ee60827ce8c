/**
 * The shapes of Logto's Management API objects this service reads and sends: generated from Logto's own document
 * (packages/logto-api-types, `npm run logto:types`) and named there once. Only the gateway and the mappers in
 * domain services see these. The few types below that are not Logto's wire shapes say what they are instead.
 */
import type {
  LogtoAllIdentities as LogtoAllIdentitiesAnswer,
  LogtoConnector as LogtoConnectorAnswer,
  LogtoPasswordCheck as LogtoPasswordCheckAnswer,
  LogtoSsoIdentity,
} from '@logto-account-service/logto-api-types';

export type {
  LogtoGrant,
  LogtoLogEntry,
  LogtoMfaCreateResult,
  LogtoMfaType,
  LogtoMfaVerification,
  LogtoOrganization,
  LogtoSession,
  LogtoSocialIdentity,
  LogtoSsoIdentity,
  LogtoUser,
  LogtoUserPatch,
  LogtoUserProfile,
  LogtoVerificationCodeTarget as VerificationCodeTarget,
} from '@logto-account-service/logto-api-types';

export type JsonObject = Record<string, unknown>;

/**
 * GET /users/{id}/all-identities with each SSO identity unwrapped from Logto's `{ ssoIdentity, ssoConnectorId }`,
 * so it reads like the flat `ssoIdentities` of GET /users/{id}?includeSsoIdentities=true.
 */
export interface LogtoAllIdentities {
  socialIdentities: LogtoAllIdentitiesAnswer['socialIdentities'];
  ssoIdentities: LogtoSsoIdentity[];
}

/** A connector instance reduced to what callers may see: the listed one also carries its config (its secrets). */
export type LogtoConnector = Pick<LogtoConnectorAnswer, 'id' | 'target' | 'type' | 'connectorId'>;

/**
 * Logto's password policy check, its two answers read alike: 200 `{ result: true }` and the 400
 * `{ result: false, issues }` that is an answer, not an error (04-sign-in-exp-check-password-weak).
 */
export interface LogtoPasswordCheck {
  result: boolean;
  issues: Extract<LogtoPasswordCheckAnswer, { result: false }>['issues'];
}

/** One page of a Logto list and its `Total-Number` header. */
export interface LogtoPage<T> {
  items: T[];
  total: number;
}
