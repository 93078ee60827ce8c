/**
 * Connectors (06-connectors-*, 06-connector-factories-list):
 *
 * - `GET /api/connector-factories` → the installed factories (mock e-mail, mock SMS, mock social)
 * - `GET /api/connectors[?target=]` → connector instances, each the stored row merged with its
 *   factory's metadata plus `type`, `isDemo`, `extraInfo`
 * - `POST /api/connectors {connectorId, config?, metadata?, syncProfile?, enableTokenStorage?, id?}`
 *   → 200 with the connector; 422 `connector.not_found_with_connector_id` for a factory that is not
 *   installed. A new e-mail/SMS connector replaces the existing one of its type (Logto keeps one
 *   passwordless connector per channel); a second instance of the (non-standard) mock social
 *   factory is refused with 422 `connector.multiple_instances_not_supported` — not recorded.
 * - `POST /api/connectors/:connectorId/authorization-uri {state, redirectUri}` → `{redirectTo}`;
 *   400 `session.insufficient_info` for an empty state or redirectUri (checked before the lookup),
 *   404 `entity.not_found`, 400 `connector.unexpected_type` for a non-social connector.
 */
import type { EmulatorRoutePlugin } from './index.js';
import {
  assertNoIssues,
  bodyObject,
  entityNotFound,
  invalidTypeIssue,
  isPlainObject,
  logtoError,
  tooBigStringIssue,
  tooSmallStringIssue,
  type ZodIssue,
} from '../errors.js';
import { jsonbOrder } from '../jsonb.js';
import { createConnector, factoryOf, type SeedContext } from '../seed-accounts.js';
import type { Connector, ConnectorFactory, JsonObject, JsonValue } from '../state.js';

/** A factory as `GET /api/connector-factories` lists it (key order of 06-connector-factories-list). */
export function toFactoryResponse(factory: ConnectorFactory): Record<string, unknown> {
  return {
    type: factory.type,
    isDemo: factory.isDemo,
    id: factory.id,
    target: factory.target,
    name: structuredClone(factory.name),
    description: structuredClone(factory.description),
    logo: factory.logo,
    logoDark: factory.logoDark,
    readme: factory.readme,
    configTemplate: factory.configTemplate,
    platform: factory.platform,
    ...structuredClone(factory.extra ?? {}),
  };
}

/** A connector as `GET /api/connectors` lists it (key order of 06-connectors-list). */
export function toConnectorResponse(ctx: SeedContext, connector: Connector): Record<string, unknown> {
  const factory = factoryOf(ctx, connector);
  const metadata = connector.metadata;
  const pick = <T>(key: string, fallback: T): T | JsonValue =>
    metadata[key] !== undefined && metadata[key] !== null && metadata[key] !== '' ? structuredClone(metadata[key]) : fallback;
  return {
    id: connector.id,
    syncProfile: connector.syncProfile,
    enableTokenStorage: connector.enableTokenStorage,
    config: structuredClone(connector.config),
    metadata: structuredClone(connector.metadata),
    connectorId: connector.connectorId,
    target: pick('target', factory?.target ?? ''),
    name: pick('name', structuredClone(factory?.name ?? {})),
    description: structuredClone(factory?.description ?? {}),
    logo: pick('logo', factory?.logo ?? ''),
    logoDark: pick('logoDark', factory?.logoDark ?? null),
    readme: factory?.readme ?? '',
    configTemplate: factory?.configTemplate ?? '',
    platform: factory?.platform ?? null,
    ...structuredClone(factory?.extra ?? {}),
    type: factory?.type,
    isDemo: factory?.isDemo ?? false,
    extraInfo: {},
    ...structuredClone(connector.extra ?? {}),
  };
}

function validateCreateBody(raw: unknown): {
  connectorId: string;
  id?: string;
  config?: JsonObject;
  metadata?: JsonObject;
  syncProfile?: boolean;
  enableTokenStorage?: boolean;
} {
  const body = bodyObject(raw);
  const issues: ZodIssue[] = [];
  const checkId = (key: 'connectorId' | 'id', required: boolean): void => {
    const value = body[key];
    if (value === undefined && !required) return;
    if (typeof value !== 'string') issues.push(invalidTypeIssue([key], 'string', value));
    else if (value.length < 1) issues.push(tooSmallStringIssue([key], 1));
    else if (value.length > 128) issues.push(tooBigStringIssue([key], 128));
  };
  checkId('connectorId', true);
  for (const key of ['config', 'metadata'] as const) {
    if (body[key] !== undefined && !isPlainObject(body[key])) issues.push(invalidTypeIssue([key], 'object', body[key]));
  }
  for (const key of ['syncProfile', 'enableTokenStorage'] as const) {
    if (body[key] !== undefined && typeof body[key] !== 'boolean') issues.push(invalidTypeIssue([key], 'boolean', body[key]));
  }
  checkId('id', false);
  assertNoIssues(issues);
  return body as ReturnType<typeof validateCreateBody>;
}

export const connectorsRoutes: EmulatorRoutePlugin = async (app, { ctx }) => {
  const { state } = ctx;

  app.get('/api/connector-factories', async () => [...state.connectorFactories.values()].map(toFactoryResponse));

  app.get<{ Querystring: { target?: string } }>('/api/connectors', async (request) => {
    const { target } = request.query;
    return [...state.connectors.values()]
      .map((connector) => toConnectorResponse(ctx, connector))
      .filter((connector) => typeof target !== 'string' || connector.target === target);
  });

  app.post('/api/connectors', async (request) => {
    const body = validateCreateBody(request.body);
    const factory = state.connectorFactories.get(body.connectorId);
    if (!factory) {
      throw logtoError(422, 'connector.not_found_with_connector_id', 'Can not find connector with given standard connector id.');
    }
    if (body.id !== undefined && state.connectors.has(body.id)) {
      throw logtoError(422, 'connector.db_connector_id_already_exists', 'Connector with the same ID already exists.');
    }
    if (factory.type === 'Email' || factory.type === 'Sms') {
      for (const [id, connector] of state.connectors) {
        if (factoryOf(ctx, connector)?.type === factory.type) state.connectors.delete(id);
      }
    } else if ([...state.connectors.values()].some((connector) => connector.connectorId === factory.id)) {
      throw logtoError(422, 'connector.multiple_instances_not_supported', 'Multiple instances are not supported for this connector.');
    }
    const connector = createConnector(ctx, {
      connectorId: factory.id,
      id: body.id,
      config: jsonbOrder(body.config ?? {}),
      metadata: body.metadata,
      syncProfile: body.syncProfile,
      enableTokenStorage: body.enableTokenStorage,
    });
    return toConnectorResponse(ctx, connector);
  });

  app.post<{ Params: { connectorId: string } }>('/api/connectors/:connectorId/authorization-uri', async (request) => {
    const body = bodyObject(request.body);
    const issues: ZodIssue[] = [];
    if (typeof body.state !== 'string') issues.push(invalidTypeIssue(['state'], 'string', body.state));
    if (typeof body.redirectUri !== 'string') issues.push(invalidTypeIssue(['redirectUri'], 'string', body.redirectUri));
    assertNoIssues(issues);
    const { state: oauthState, redirectUri } = body as { state: string; redirectUri: string };
    if (!oauthState || !redirectUri) {
      throw logtoError(400, 'session.insufficient_info', 'Insufficient sign-in info.');
    }
    const connector = state.connectors.get(request.params.connectorId);
    const factory = connector ? factoryOf(ctx, connector) : undefined;
    if (!connector || !factory) throw entityNotFound();
    if (factory.type !== 'Social') {
      throw logtoError(400, 'connector.unexpected_type', "The connector's type is unexpected.");
    }
    // The mock social connector (06-connectors-authorization-uri-success).
    const query = new URLSearchParams({ state: oauthState, redirect_uri: redirectUri, scope: 'email profile' });
    return { redirectTo: `http://mock-social/?${query.toString()}` };
  });
};
