/**
 * @nestjs/throttler, loaded once @nestjs/common has been evaluated. The package is still CommonJS (6.7)
 * while Nest 12 is ESM only; Node loads it either way, but jest's ESM loader evaluates CommonJS
 * dependencies while it links the graph, before @nestjs/common has run, and fails with a require(esm)
 * cycle. A dynamic import after @nestjs/common avoids that in both.
 */
import '@nestjs/common';

const throttler = await import('@nestjs/throttler');

export const { ThrottlerGuard, ThrottlerModule, ThrottlerStorage, normalizeIp } = throttler;
export type { ThrottlerRequest } from '@nestjs/throttler';
export type ThrottlerStorageRecord = Awaited<ReturnType<import('@nestjs/throttler').ThrottlerStorage['increment']>>;
