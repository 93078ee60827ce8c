import type { FastifyReply } from 'fastify';
import { DomainError } from '../common/errors/domain-error.js';
import { rateLimitRejections } from '../observability/metrics.js';
import type { RateLimitCounter, WindowCount } from './rate-limit-counter.js';
import { advertiseQuota, countRequest, quotaHeaders, rateLimitExceeded } from './rate-limit-headers.js';

/** The two reply methods the limiter uses, over a plain header map. */
function fakeReply(initial: Record<string, string> = {}) {
  const headers = new Map(Object.entries(initial));
  const reply = {
    getHeader: (name: string) => headers.get(name),
    header: (name: string, value: string) => {
      headers.set(name, value);
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers };
}

/** A counter answering one fixed count, remembering how it was asked. */
function fakeStorage(record: WindowCount) {
  const calls: unknown[][] = [];
  const storage: Pick<RateLimitCounter, 'hit'> = {
    hit: async (...args) => {
      calls.push(args);
      return record;
    },
  };
  return { storage, calls };
}

async function rejectionsOf(bucket: string): Promise<number> {
  const { values } = await rateLimitRejections.get();
  return values.find((value) => value.labels.bucket === bucket)?.value ?? 0;
}

describe('countRequest', () => {
  const limit = { key: 'user-1', policy: 'user', quota: 10, who: 'user' };

  it('counts the request in a one-minute window and advertises what is left', async () => {
    const { storage, calls } = fakeStorage({ count: 3, resetSeconds: 42 });
    const { reply, headers } = fakeReply();
    await countRequest(storage, reply, limit);
    expect(calls).toEqual([['user', 'user-1', 60_000]]);
    expect(Object.fromEntries(headers)).toEqual({ 'ratelimit-policy': '"user";q=10;w=60', ratelimit: '"user";r=7;t=42' });
  });

  it('lets the request that uses the last of the quota through, with nothing left advertised', async () => {
    const { storage } = fakeStorage({ count: 10, resetSeconds: 9 });
    const { reply, headers } = fakeReply();
    await expect(countRequest(storage, reply, limit)).resolves.toBeUndefined();
    expect(headers.get('ratelimit')).toBe('"user";r=0;t=9');
  });

  it('never advertises a negative remainder', async () => {
    const { reply, headers } = fakeReply();
    advertiseQuota(reply, { policy: 'user', quota: 10, windowSeconds: 60, remaining: -2, resetSeconds: 5 });
    expect(headers.get('ratelimit')).toBe('"user";r=0;t=5');
  });

  it('refuses a blocked request with 429 rate_limit.exceeded, Retry-After and the policy, counted by bucket', async () => {
    const { storage } = fakeStorage({ count: 11, resetSeconds: 17 });
    const { reply, headers } = fakeReply();
    const before = await rejectionsOf('user');
    const error = await countRequest(storage, reply, limit).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    const { code, detail, headers: sent, extensions } = error as DomainError;
    expect({ code, detail, headers: sent, extensions }).toEqual({
      code: 'rate_limit.exceeded',
      detail: 'Too many requests from this user. Retry after 17 seconds.',
      headers: { 'retry-after': '17', 'ratelimit-policy': '"user";q=10;w=60', ratelimit: '"user";r=0;t=17' },
      extensions: { policy: 'user' },
    });
    expect(headers.size).toBe(0);
    expect(await rejectionsOf('user')).toBe(before + 1);
  });
});

describe('advertiseQuota', () => {
  const state = { policy: 'ip', quota: 100, windowSeconds: 60, remaining: 99, resetSeconds: 60 };

  it('appends to the policies an earlier limiter listed', () => {
    const { reply, headers } = fakeReply({ 'ratelimit-policy': '"user";q=10;w=60', ratelimit: '"user";r=9;t=60' });
    advertiseQuota(reply, state);
    expect(Object.fromEntries(headers)).toEqual({
      'ratelimit-policy': '"user";q=10;w=60, "ip";q=100;w=60',
      ratelimit: '"user";r=9;t=60, "ip";r=99;t=60',
    });
  });

  it('replaces an empty field instead of appending to it', () => {
    const { reply, headers } = fakeReply({ 'ratelimit-policy': '', ratelimit: '' });
    advertiseQuota(reply, state);
    expect(Object.fromEntries(headers)).toEqual({ 'ratelimit-policy': '"ip";q=100;w=60', ratelimit: '"ip";r=99;t=60' });
  });
});

describe('quotaHeaders and rateLimitExceeded', () => {
  it('render the policy and the quota left', () => {
    expect(quotaHeaders({ policy: 'p', quota: 5, windowSeconds: 60, remaining: -3, resetSeconds: 9 })).toEqual({
      'ratelimit-policy': '"p";q=5;w=60',
      ratelimit: '"p";r=0;t=9',
    });
  });

  it('names who is limited and always advertises nothing left', () => {
    const error = rateLimitExceeded({ policy: 'code_send_minute', quota: 1, windowSeconds: 60, remaining: 1, resetSeconds: 30 }, 'recipient');
    expect(error.detail).toBe('Too many requests from this recipient. Retry after 30 seconds.');
    expect(error.headers.ratelimit).toBe('"code_send_minute";r=0;t=30');
  });
});
