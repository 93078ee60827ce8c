import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientConnection } from '../http/client-connection.js';

/** What every log line and outbound call of one request needs to know about it. */
export interface RequestContext {
  requestId: string;
  userId?: string;
  /** The HTTP client's connection, so work it no longer waits for can be dropped; absent outside requests. */
  client?: ClientConnection;
  /** Set once the request has sent Logto a call that may change something (see LogtoHttpClient). */
  changedUpstream?: boolean;
  /**
   * Set once the request passed a step-up check (StepUpService.require): an idempotent replay of its answer
   * must pass one again (IdempotencyInterceptor).
   */
  stepUpChecked?: boolean;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return requestContext.getStore();
}
