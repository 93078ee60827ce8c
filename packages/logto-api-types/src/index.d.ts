/**
 * Logto 1.41's Management API wire shapes, named once for the service's gateway (src/logto) and the emulator
 * (packages/logto-emulator). Everything here is derived from logto-api.generated.d.ts (`npm run logto:types`):
 * never restate a Logto shape by hand, name it here from the operation that sends or accepts it.
 */
import type { paths } from './logto-api.generated.js';

export type { components, operations, paths } from './logto-api.generated.js';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body Logto answers `method path` with, for `status` (200 unless given). */
export type LogtoResponse<P extends keyof paths, M extends Method, S extends number = 200> = paths[P][M] extends {
  responses: infer Responses;
}
  ? S extends keyof Responses
    ? Json<Responses[S]>
    : never
  : never;

/** The JSON body `method path` accepts. */
export type LogtoRequestBody<P extends keyof paths, M extends Method> = paths[P][M] extends { requestBody?: infer Body }
  ? Json<NonNullable<Body>>
  : never;

// Users
export type LogtoUser = LogtoResponse<'/api/users/{userId}', 'get'>;
export type LogtoUserProfile = LogtoUser['profile'];
export type LogtoSocialIdentity = LogtoUser['identities'][string];
export type LogtoSsoIdentity = NonNullable<LogtoUser['ssoIdentities']>[number];
export type LogtoUserCreate = LogtoRequestBody<'/api/users', 'post'>;
export type LogtoUserPatch = LogtoRequestBody<'/api/users/{userId}', 'patch'>;
export type LogtoLogtoConfig = LogtoResponse<'/api/users/{userId}/logto-configs', 'get'>;
export type LogtoRole = LogtoResponse<'/api/users/{userId}/roles', 'get'>[number];

// Passwords and verification codes
export type LogtoPasswordCheck = LogtoResponse<'/api/sign-in-exp/default/check-password', 'post'>;
export type LogtoSignInExperience = LogtoResponse<'/api/sign-in-exp', 'get'>;
export type LogtoPasswordPolicy = LogtoSignInExperience['passwordPolicy'];
export type LogtoVerificationCodeTarget = LogtoRequestBody<'/api/verification-codes', 'post'>;

// Identities and connectors
export type LogtoAllIdentities = LogtoResponse<'/api/users/{userId}/all-identities', 'get'>;
export type LogtoConnector = LogtoResponse<'/api/connectors', 'get'>[number];
export type LogtoConnectorFactory = LogtoResponse<'/api/connector-factories', 'get'>[number];

// MFA
export type LogtoMfaVerification = LogtoResponse<'/api/users/{userId}/mfa-verifications', 'get'>[number];
export type LogtoMfaType = LogtoMfaVerification['type'];
export type LogtoMfaCreate = LogtoRequestBody<'/api/users/{userId}/mfa-verifications', 'post'>;
export type LogtoMfaCreateResult = LogtoResponse<'/api/users/{userId}/mfa-verifications', 'post'>;

// Sessions, grants, organizations, logs
export type LogtoSession = LogtoResponse<'/api/users/{userId}/sessions', 'get'>['sessions'][number];
export type LogtoGrant = LogtoResponse<'/api/users/{userId}/grants', 'get'>['grants'][number];
export type LogtoOrganization = LogtoResponse<'/api/users/{userId}/organizations', 'get'>[number];
export type LogtoLogEntry = LogtoResponse<'/api/logs', 'get'>[number];
