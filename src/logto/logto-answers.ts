import { Logger } from '@nestjs/common';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { DomainError } from '../common/errors/domain-error.js';
import type { ErrorCode } from '../common/errors/error-codes.js';
import type { LogtoAllIdentities as LogtoAllIdentitiesAnswer, LogtoResponse } from '@logto-account-service/logto-api-types';
import type {
  JsonObject,
  LogtoConnector,
  LogtoGrant,
  LogtoLogEntry,
  LogtoMfaVerification,
  LogtoOrganization,
  LogtoPasswordCheck,
  LogtoSession,
  LogtoSocialIdentity,
  LogtoUser,
  LogtoUserProfile,
} from './logto.types.js';

/**
 * What the gateway accepts from Logto: the shapes of the answers it reads (as recorded from Logto OSS 1.41 in
 * ../shared/logto/exchanges), and the rule that an answer about a user is about the caller. A proxy or cache
 * between the service and Logto that mixes up answers, or a Logto upgrade that changes a shape, must give the
 * client a 502, never another user's data and never a 500 from a mapper tripping over a missing field.
 *
 * Only the fields the service reads are checked, so Logto may add fields freely. The validators are compiled
 * once, when this module is loaded at start-up.
 */

type Schema = Record<string, unknown>;

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const number = { type: 'number' } as const;
const object = { type: 'object' } as const;

const socialIdentity: Schema = { type: 'object', required: ['userId'], properties: { userId: string, details: object } };
const ssoIdentityFields = { id: string, ssoConnectorId: string, issuer: string, identityId: string, detail: object, createdAt: number };
const ssoIdentity: Schema = { type: 'object', required: ['ssoConnectorId', 'issuer', 'identityId'], properties: ssoIdentityFields };
const identitiesMap: Schema = { type: 'object', additionalProperties: socialIdentity };

const user: Schema = {
  type: 'object',
  required: ['id', 'username', 'primaryEmail', 'primaryPhone', 'name', 'avatar', 'customData', 'identities', 'profile', 'createdAt', 'updatedAt', 'isSuspended'],
  properties: {
    id: { type: 'string', minLength: 1 },
    username: nullableString,
    primaryEmail: nullableString,
    primaryPhone: nullableString,
    name: nullableString,
    avatar: nullableString,
    customData: object,
    identities: identitiesMap,
    lastSignInAt: { type: ['number', 'null'] },
    createdAt: number,
    updatedAt: number,
    profile: object,
    applicationId: nullableString,
    isSuspended: { type: 'boolean' },
    hasPassword: { type: 'boolean' },
    ssoIdentities: { type: 'array', items: ssoIdentity },
  },
};

const session: Schema = {
  type: 'object',
  required: ['payload', 'expiresAt'],
  properties: {
    payload: {
      type: 'object',
      required: ['uid', 'accountId', 'loginTs'],
      properties: { uid: string, accountId: string, loginTs: number, authorizations: object },
    },
    lastSubmission: { type: ['object', 'null'], properties: { userId: string } },
    clientId: nullableString,
    accountId: nullableString,
    expiresAt: number,
  },
};

const grant: Schema = {
  type: 'object',
  required: ['id', 'payload', 'expiresAt'],
  properties: {
    id: string,
    payload: {
      type: 'object',
      required: ['clientId', 'accountId', 'iat'],
      properties: { clientId: string, accountId: string, iat: number, openid: object, resources: { type: 'object', additionalProperties: string } },
    },
    expiresAt: number,
    application: { type: ['object', 'null'], required: ['id', 'name'], properties: { id: string, name: string } },
  },
};

const logEntry: Schema = {
  type: 'object',
  required: ['id', 'key', 'payload', 'createdAt'],
  properties: {
    id: string,
    key: string,
    payload: { type: 'object', required: ['key', 'result'], properties: { key: string, result: string, userId: string } },
    createdAt: number,
  },
};

const SCHEMAS = {
  user,
  users: { type: 'array', items: user },
  customData: object,
  profile: object,
  hasPassword: { type: 'object', required: ['hasPassword'], properties: { hasPassword: { type: 'boolean' } } },
  passwordCheck: {
    type: 'object',
    properties: {
      result: { type: 'boolean' },
      issues: { type: 'array', items: { type: 'object', required: ['code'], properties: { code: string, interpolation: object } } },
    },
  },
  allIdentities: {
    type: 'object',
    properties: {
      socialIdentities: { type: 'array', items: { type: 'object', required: ['target', 'identity'], properties: { target: string, identity: socialIdentity } } },
      ssoIdentities: {
        type: 'array',
        items: {
          type: 'object',
          required: ['ssoIdentity', 'ssoConnectorId'],
          properties: { ssoConnectorId: string, ssoIdentity: { type: 'object', required: ['issuer', 'identityId'], properties: ssoIdentityFields } },
        },
      },
    },
  },
  identitiesMap,
  connectors: {
    type: 'array',
    items: { type: 'object', required: ['id', 'target', 'type', 'connectorId'], properties: { id: string, target: string, type: string, connectorId: string } },
  },
  authorizationUri: { type: 'object', required: ['redirectTo'], properties: { redirectTo: string } },
  mfaVerifications: {
    type: 'array',
    items: { type: 'object', required: ['id', 'type', 'createdAt'], properties: { id: string, type: string, createdAt: string, remainCodes: number } },
  },
  backupCodes: { type: 'object', required: ['codes'], properties: { codes: { type: 'array', items: string } } },
  sessions: { type: 'object', required: ['sessions'], properties: { sessions: { type: 'array', items: session } } },
  grants: { type: 'object', required: ['grants'], properties: { grants: { type: 'array', items: grant } } },
  organizations: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: string,
        name: string,
        description: nullableString,
        organizationRoles: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: string, name: string } } },
      },
    },
  },
  logs: { type: 'array', items: logEntry },
} satisfies Record<string, Schema>;

interface AnswerTypes {
  user: LogtoUser;
  users: LogtoUser[];
  customData: JsonObject;
  profile: LogtoUserProfile;
  hasPassword: LogtoResponse<'/api/users/{userId}/has-password', 'get'>;
  passwordCheck: Partial<LogtoPasswordCheck>;
  allIdentities: Partial<LogtoAllIdentitiesAnswer>;
  identitiesMap: Record<string, LogtoSocialIdentity>;
  connectors: LogtoConnector[];
  authorizationUri: LogtoResponse<'/api/connectors/{connectorId}/authorization-uri', 'post'>;
  mfaVerifications: LogtoMfaVerification[];
  backupCodes: { codes: string[] };
  sessions: { sessions: LogtoSession[] };
  grants: { grants: LogtoGrant[] };
  organizations: LogtoOrganization[];
  logs: LogtoLogEntry[];
}

export type AnswerShape = keyof typeof SCHEMAS;

// No coercion, no defaults, no removal: the validators only look.
const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
const VALIDATORS = Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)])) as {
  [K in AnswerShape]: ValidateFunction<AnswerTypes[K]>;
};

const logger = new Logger('Logto');

/** The 502 a client sees for any answer the gateway cannot trust; the reason goes to the log only. */
function badAnswer(operation: string, reason: string): DomainError {
  return new DomainError('upstream.bad_response', 'Logto answered with something unexpected.', { cause: `${operation}: ${reason}` });
}

/** The answer, typed, if it has the shape; else 502 `upstream.bad_response`. */
export function answerOf<K extends AnswerShape>(operation: string, shape: K, body: unknown): AnswerTypes[K] {
  const validate = VALIDATORS[shape];
  if (!validate(body)) throw badAnswer(operation, `not a ${shape} answer (${describe(validate.errors)})`);
  return body;
}

/**
 * Refuses an answer about anyone but the caller. Logged at error level: it means something between the
 * service and Logto serves answers to the wrong requests, which no retry fixes. The ids themselves are not
 * logged.
 */
export function requireCaller(operation: string, callerId: string, ids: Iterable<string | null | undefined>): void {
  for (const id of ids) {
    if (id === callerId) continue;
    logger.error({ operation }, 'Logto answered about another user than the caller; the answer was refused');
    throw badAnswer(operation, 'the answer is about another user');
  }
}

/** Where the first violation is, without the value (it may be personal data). */
function describe(errors: ErrorObject[] | null | undefined): string {
  const first = errors?.[0];
  if (!first) return 'no detail';
  return `${first.instancePath || '/'} ${first.keyword}`;
}

/**
 * RFC 3986 unreserved characters only, so a value needs no encoding and cannot become a dot segment (`.`/`..`,
 * which encodeURIComponent leaves alone and URL parsing then resolves: `/api/users/../organizations` is the
 * tenant-wide `/api/organizations`). Every Logto id (nanoid-style `[a-z0-9]`, oidc-provider's
 * `[A-Za-z0-9_-]`) and every connector target fits.
 */
const SAFE_SEGMENT = /^[A-Za-z0-9._~-]{1,256}$/;

/**
 * `value` as one path segment of a Logto URL, or the domain error `notFound` before any call: nothing in
 * Logto has an id outside the safe set, whatever the value's source (a token's `sub`, a path parameter, an id
 * read from an earlier answer).
 */
export function pathSegment(value: string, notFound: ErrorCode): string {
  if (typeof value !== 'string' || !SAFE_SEGMENT.test(value) || value === '.' || value === '..') {
    throw new DomainError(notFound, 'Nothing in Logto has this id.');
  }
  return value;
}
