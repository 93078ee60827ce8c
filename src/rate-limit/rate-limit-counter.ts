import { Injectable } from '@nestjs/common';
import { SharedStore } from '../store/shared-store.js';

/** One request's count in its window. */
export interface WindowCount {
  /** Requests counted in this window, this one included. */
  count: number;
  /** Seconds until the window ends (at least 1). */
  resetSeconds: number;
}

/**
 * Fixed-window request counters in the shared store, so a limit holds over every instance (Redis: one atomic
 * INCR + PEXPIRE). The counter expires one window after its first hit. Keys are `ratelimit:<policy>:<key>`,
 * as they were when @nestjs/throttler's storage interface sat in front of this.
 */
@Injectable()
export class RateLimitCounter {
  constructor(private readonly store: SharedStore) {}

  hit(policy: string, key: string, windowMs: number): Promise<WindowCount> {
    return this.store.increment(`ratelimit:${policy}:${key}`, windowMs).then(toWindowCount);
  }
}

function toWindowCount({ count, resetInMs }: { count: number; resetInMs: number }): WindowCount {
  return { count, resetSeconds: Math.max(1, Math.ceil(resetInMs / 1000)) };
}
