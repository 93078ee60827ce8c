/**
 * Social identities of a user (06-identities-*):
 *
 * - `GET /api/users/:userId/all-identities` → `{socialIdentities: [{identity, target}], ssoIdentities: [{ssoIdentity, ssoConnectorId}]}`
 * - `GET /api/users/:userId/identities/:target` → `{identity: {userId, details}}`; 404 `user.identity_not_exist`
 * - `PUT /api/users/:userId/identities/:target {userId, details?}` → the whole identities map, 201 when
 *   the target is new for the user, 200 when it is replaced; 422 `user.identity_already_in_use` when
 *   another user holds the same target + social user id
 * - `DELETE /api/users/:userId/identities/:target` → 200 with the user profile; 404 `user.identity_not_exist`
 * - `POST /api/users/:userId/identities {connectorId, connectorData}` → links through a social
 *   connector (the mock social connector's user info); 200 with the identities map
 *
 * `?includeTokenSecret=true` adds `tokenSecret` only for connectors with token storage, which the
 * emulator never has: the body is the same (06-identities-get-include-token-secret).
 * Every route answers 404 `entity.not_found` for an unknown user.
 */
import { randomUUID } from 'node:crypto';

import type { EmulatorRoutePlugin } from './index.js';
import {
  assertNoIssues,
  bodyObject,
  entityNotFound,
  invalidTypeIssue,
  isPlainObject,
  logtoError,
  type ZodIssue,
} from '../errors.js';
import { jsonbOrder } from '../jsonb.js';
import { connectorTarget, factoryOf, linkSocialIdentity, type SeedContext } from '../seed-accounts.js';
import { toUserResponse, type EmulatorUser, type JsonObject, type JsonValue, type SocialIdentity } from '../state.js';

type UserParams = { userId: string };
type TargetParams = { userId: string; target: string };

const identityNotExist = () => logtoError(404, 'user.identity_not_exist', 'The social account has not been registered yet.');
const identityAlreadyInUse = () =>
  logtoError(422, 'user.identity_already_in_use', 'The social account has been associated with an existing account.');

function findUser(ctx: SeedContext, userId: string): EmulatorUser {
  const user = ctx.state.users.get(userId);
  if (!user) throw entityNotFound();
  return user;
}

/** Another user already holding `target` with the same social user id. */
function identityOwner(ctx: SeedContext, target: string, socialUserId: string, exceptUserId: string): EmulatorUser | undefined {
  for (const user of ctx.state.users.values()) {
    if (user.id === exceptUserId) continue;
    if (user.identities[target]?.userId === socialUserId) return user;
  }
  return undefined;
}

function identitiesOf(user: EmulatorUser): Record<string, SocialIdentity> {
  return structuredClone(user.identities);
}

/**
 * The mock social connector's `getUserInfo(connectorData)`: it needs a string `code`, takes the
 * social user id from `userId` and the profile from `email`/`phone`/`name`/`avatar`, and keeps the
 * whole input as `rawData` (06-identities-link-success). Anything without a `code` is 400
 * `connector.invalid_response` whose `data.message` is the JSON of the input
 * (06-identities-link-invalid-connector-data).
 */
function mockSocialUserInfo(connectorData: JsonObject): JsonObject {
  const { code, userId } = connectorData;
  if (typeof code !== 'string' || (userId !== undefined && typeof userId !== 'string')) {
    throw logtoError(400, 'connector.invalid_response', "The connector's response is invalid.", {
      message: JSON.stringify(connectorData),
    });
  }
  const info: JsonObject = { id: typeof userId === 'string' ? userId : `mock-social-sub-${randomUUID()}` };
  for (const field of ['email', 'phone', 'name', 'avatar'] as const) {
    const value = connectorData[field];
    if (typeof value === 'string') info[field] = value;
  }
  info.rawData = connectorData;
  return info;
}

export const identitiesRoutes: EmulatorRoutePlugin = async (app, { ctx }) => {
  app.get<{ Params: UserParams }>('/api/users/:userId/all-identities', async (request) => {
    const user = findUser(ctx, request.params.userId);
    return {
      socialIdentities: Object.entries(identitiesOf(user)).map(([target, identity]) => ({ identity, target })),
      ssoIdentities: structuredClone(user.ssoIdentities).map((ssoIdentity) => ({
        ssoIdentity,
        ssoConnectorId: ssoIdentity.ssoConnectorId,
      })),
    };
  });

  app.get<{ Params: TargetParams }>('/api/users/:userId/identities/:target', async (request) => {
    const user = findUser(ctx, request.params.userId);
    const identity = user.identities[request.params.target];
    if (!identity) throw identityNotExist();
    return { identity: structuredClone(identity) };
  });

  app.put<{ Params: TargetParams }>('/api/users/:userId/identities/:target', async (request, reply) => {
    const { userId, target } = request.params;
    const body = bodyObject(request.body);
    const issues: ZodIssue[] = [];
    if (typeof body.userId !== 'string') issues.push(invalidTypeIssue(['userId'], 'string', body.userId));
    if (body.details !== undefined && !isPlainObject(body.details)) {
      issues.push(invalidTypeIssue(['details'], 'object', body.details));
    }
    assertNoIssues(issues);
    const socialUserId = body.userId as string;
    const user = findUser(ctx, userId);
    if (identityOwner(ctx, target, socialUserId, user.id)) throw identityAlreadyInUse();
    const isNew = user.identities[target] === undefined;
    const identity: SocialIdentity = { userId: socialUserId };
    if (body.details !== undefined) identity.details = body.details as JsonObject;
    linkSocialIdentity(ctx, user.id, target, identity);
    reply.status(isNew ? 201 : 200);
    return identitiesOf(user);
  });

  app.delete<{ Params: TargetParams }>('/api/users/:userId/identities/:target', async (request) => {
    const user = findUser(ctx, request.params.userId);
    const { target } = request.params;
    if (!user.identities[target]) throw identityNotExist();
    const identities = { ...user.identities };
    delete identities[target];
    user.identities = identities;
    ctx.state.touchUser(user);
    return toUserResponse(user);
  });

  app.post<{ Params: UserParams }>('/api/users/:userId/identities', async (request) => {
    const body = bodyObject(request.body);
    const issues: ZodIssue[] = [];
    if (typeof body.connectorId !== 'string') issues.push(invalidTypeIssue(['connectorId'], 'string', body.connectorId));
    if (!isPlainObject(body.connectorData)) issues.push(invalidTypeIssue(['connectorData'], 'object', body.connectorData));
    assertNoIssues(issues);
    const connectorId = body.connectorId as string;
    const connectorData = jsonbOrder(body.connectorData as JsonObject as JsonValue) as JsonObject;

    const user = findUser(ctx, request.params.userId);
    const connector = ctx.state.connectors.get(connectorId);
    const factory = connector ? factoryOf(ctx, connector) : undefined;
    if (!connector || !factory) throw entityNotFound();
    if (factory.type !== 'Social') {
      throw logtoError(422, 'session.invalid_connector_id', `Unable to find available connector with id ${connectorId}.`);
    }
    const target = connectorTarget(ctx, connector) ?? factory.target;
    const info = mockSocialUserInfo(connectorData);
    const socialUserId = info.id as string;
    if (identityOwner(ctx, target, socialUserId, user.id)) throw identityAlreadyInUse();
    linkSocialIdentity(ctx, user.id, target, { userId: socialUserId, details: info });
    return identitiesOf(user);
  });
};
