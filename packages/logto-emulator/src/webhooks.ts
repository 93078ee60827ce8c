/**
 * Logto's webhooks, as far as user data hooks go: after a successful Management API call that Logto registers
 * a data hook event for (`managementApiHooksRegistration` in @logto/schemas 1.41), a POST of the event to the
 * hook's URL, signed like Logto signs it (packages/core/src/utils/sign.ts): `logto-signature-sha-256` is the
 * hex HMAC-SHA256, under the hook's signing key, of `JSON.stringify(payload)`, which is the body sent.
 *
 * The payload has Logto's shape for management API data hooks: `event`, `createdAt` (ISO), `userAgent`, `ip`,
 * the request context (`path`, `method`, `status`, `params`, `matchedRoute`), `data` (the response body, or
 * for `User.Deleted` the user as it was) and `hookId`. One hook, configured with `LogtoEmulator.configureWebhook`.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context.js';
import { generateId, toUserResponse } from './state.js';

export type UserHookEvent = 'User.Created' | 'User.Deleted' | 'User.Data.Updated' | 'User.SuspensionStatus.Updated';

export interface WebhookConfig {
  /** Where deliveries go (the service's POST /webhooks/logto). */
  url: string;
  /** The hook's signing key (Logto console → Webhooks → the hook → Signing key). */
  signingKey: string;
  /** The events ticked for the hook; default all four user events. */
  events?: UserHookEvent[];
  /** Extra request headers, as the console allows. */
  headers?: Record<string, string>;
}

export interface WebhookDelivery {
  event: UserHookEvent;
  userId: string;
  /** The exact body sent (signed as is). */
  body: string;
  signature: string;
  /** The receiver's status; undefined when the request failed (`error`). */
  status?: number;
  error?: string;
}

/** `METHOD route` (the emulator's routes, under /api) → the event Logto sends for it. */
const REGISTRATION: Record<string, UserHookEvent> = {
  'POST /api/users': 'User.Created',
  'PATCH /api/users/:userId': 'User.Data.Updated',
  'PATCH /api/users/:userId/custom-data': 'User.Data.Updated',
  'PATCH /api/users/:userId/profile': 'User.Data.Updated',
  'PATCH /api/users/:userId/password': 'User.Data.Updated',
  'PATCH /api/users/:userId/is-suspended': 'User.SuspensionStatus.Updated',
  // Logto triggers it by hand after deleting, with the user as it was (the 204 has no body).
  'DELETE /api/users/:userId': 'User.Deleted',
};

const ALL_EVENTS: UserHookEvent[] = ['User.Created', 'User.Deleted', 'User.Data.Updated', 'User.SuspensionStatus.Updated'];
const MAX_RECORDED_DELIVERIES = 1000;
/** Logto's own timeout for a delivery (sendWebhookRequest). */
const DELIVERY_TIMEOUT_MS = 10_000;

export function signWebhookBody(signingKey: string, body: string): string {
  return createHmac('sha256', signingKey).update(body).digest('hex');
}

export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  /** Logto hook ids are 21 characters. */
  readonly hookId = generateId(21);
  private config: WebhookConfig | undefined;
  private readonly pending = new Set<Promise<void>>();
  private readonly deletedUsers = new WeakMap<FastifyRequest, Record<string, unknown>>();

  constructor(private readonly ctx: EmulatorContext) {}

  configure(config: WebhookConfig | undefined): void {
    this.config = config && { ...config, events: config.events ?? ALL_EVENTS };
  }

  /** Resolves once every delivery started so far has been answered (or failed). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Hooks on the emulator's server; call before the routes are registered. */
  install(app: FastifyInstance): void {
    app.addHook('preHandler', async (request) => {
      if (this.config === undefined || `${request.method} ${request.routeOptions.url}` !== 'DELETE /api/users/:userId') return;
      const user = this.ctx.state.users.get((request.params as { userId: string }).userId);
      if (user) {
        const { hasPassword: _hasPassword, ...data } = toUserResponse(user);
        this.deletedUsers.set(request, data);
      }
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const config = this.config;
      const event = REGISTRATION[`${request.method} ${request.routeOptions.url}`];
      if (config === undefined || event === undefined || reply.statusCode >= 300 || !config.events?.includes(event)) return payload;
      const data = event === 'User.Deleted' ? this.deletedUsers.get(request) : parseBody(payload);
      const params = request.params as Record<string, string>;
      const path = request.url.split('?')[0]?.replace(/^\/api/, '') ?? '';
      const body = JSON.stringify({
        event,
        createdAt: new Date(this.ctx.now()).toISOString(),
        userAgent: request.headers['user-agent'],
        ip: request.ip,
        path,
        method: request.method,
        status: reply.statusCode,
        params,
        matchedRoute: request.routeOptions.url?.replace(/^\/api/, ''),
        data,
        hookId: this.hookId,
      });
      const userId = params.userId ?? String((data as { id?: unknown } | undefined)?.id ?? '');
      this.track(this.deliver(config, { event, userId, body, signature: signWebhookBody(config.signingKey, body) }));
      return payload;
    });
  }

  private track(delivery: Promise<void>): void {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async deliver(config: WebhookConfig, delivery: WebhookDelivery): Promise<void> {
    // After the response, as Logto does (hooks are triggered once the request has completed).
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers: {
          'user-agent': 'Logto (https://logto.io/)',
          ...config.headers,
          'content-type': 'application/json',
          'logto-signature-sha-256': delivery.signature,
        },
        body: delivery.body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    this.deliveries.push(delivery);
    if (this.deliveries.length > MAX_RECORDED_DELIVERIES) this.deliveries.splice(0, this.deliveries.length - MAX_RECORDED_DELIVERIES);
  }
}

function parseBody(payload: unknown): unknown {
  if (typeof payload !== 'string') return undefined;
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    return undefined;
  }
}
