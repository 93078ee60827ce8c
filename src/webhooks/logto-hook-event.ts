import { DomainError } from '../common/errors/domain-error.js';

/** The user events the service acts on (Logto's `hookEvents`, packages/schemas/src/foundations/jsonb-types/hooks.ts). */
export const HANDLED_EVENTS = ['User.SuspensionStatus.Updated', 'User.Deleted', 'User.Data.Updated'] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];

/** What the service needs from one delivery. */
export interface HookDelivery {
  event: HandledEvent;
  userId: string;
  /** Epoch ms of Logto's `createdAt`. */
  createdAt: number;
  /** `data.isSuspended` of a User.SuspensionStatus.Updated (the user as PATCH /users/{id}/is-suspended answered). */
  isSuspended?: boolean;
}

/** Logto user ids are 12 characters of [a-z0-9]; anything outside a safe id never reaches a store key. */
const USER_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Reads a (signature-checked) delivery. Data hooks from the Management API carry `params.userId` and `data`
 * (the response body: the user, or only its custom data or profile); those from Logto's own flows carry the
 * user as `data`. Other events, and deliveries about no user, are not the service's business: undefined.
 */
export function parseHookDelivery(rawBody: Buffer): HookDelivery | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError('request.malformed_body', 'The webhook delivery is not valid JSON.');
  }
  if (!isObject(payload)) throw invalid('The webhook delivery is not a JSON object.');
  const event = payload.event;
  if (!HANDLED_EVENTS.includes(event as HandledEvent)) return undefined;

  const createdAt = typeof payload.createdAt === 'string' ? Date.parse(payload.createdAt) : Number.NaN;
  if (!Number.isFinite(createdAt)) throw invalid('The webhook delivery has no valid createdAt.');
  const data = isObject(payload.data) ? payload.data : undefined;
  const params = isObject(payload.params) ? payload.params : undefined;
  const userId = params?.userId ?? data?.id;
  // Logto's "Send test event" (console) names no user: the delivery proves URL and key, and changes nothing.
  if (userId === undefined) return undefined;
  if (typeof userId !== 'string' || !USER_ID.test(userId)) throw invalid('The webhook delivery names no valid user id.');

  if (event === 'User.SuspensionStatus.Updated') {
    if (typeof data?.isSuspended !== 'boolean') throw invalid('The suspension event carries no isSuspended.');
    return { event, userId, createdAt, isSuspended: data.isSuspended };
  }
  return { event: event as HandledEvent, userId, createdAt };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(detail: string): DomainError {
  return new DomainError('request.validation_failed', detail);
}
