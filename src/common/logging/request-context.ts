import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and outbound call of one request needs to know about it. */
export interface RequestContext {
  requestId: string;
  userId?: string;
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
