import { applyDecorators } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-error.js';
import { addRouteConfig } from './route-config.js';
import { routeOf } from './request-parts.js';

/**
 * Deepest nesting of arrays and objects accepted in any request body. Far more than any documented body needs
 * (custom data allows 8), far less than what the recursive walks after parsing (class-transformer,
 * class-validator, the merge patch) survive: thousands of levels overflow their stack.
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Keys refused anywhere in a body. `JSON.parse` makes `__proto__` an own property, and code that later copies
 * the object by assignment (class-transformer does) sets the prototype instead: fields that validation never
 * saw. `constructor`/`prototype` pollute code that merges recursively.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const MERGE_PATCH_TYPE = 'application/merge-patch+json';
/** Fastify route config key set by `@MergePatchBody()`. */
const JSON_BODY_ROUTE_CONFIG = 'jsonBody';

interface JsonBodyRouteConfig {
  /** The route documents application/merge-patch+json (RFC 7396) next to application/json. */
  mergePatch?: boolean;
  /** The handler refuses prototype keys itself, with an error code of its own (custom data). */
  prototypeKeysCheckedByHandler?: boolean;
}

/**
 * A route that takes an RFC 7396 merge patch: documents both media types and accepts
 * application/merge-patch+json, which every other route answers with 415.
 */
export function MergePatchBody(options: Pick<JsonBodyRouteConfig, 'prototypeKeysCheckedByHandler'> = {}): MethodDecorator {
  const config: JsonBodyRouteConfig = { mergePatch: true, ...options };
  return applyDecorators(ApiConsumes(MERGE_PATCH_TYPE, 'application/json'), addRouteConfig({ [JSON_BODY_ROUTE_CONFIG]: config }));
}

/**
 * The only body parsers: application/json everywhere, application/merge-patch+json where a route declares it.
 * Every other content type (forms, text, multipart, XML…) is answered 415 by Fastify. Each body is checked for
 * nesting depth on its raw text before it is parsed, then for prototype keys. The raw bytes stay on the request
 * as `rawBody` (what Nest's `rawBody` option would give), for signatures computed over the exact bytes.
 */
export function installJsonBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  const options = { parseAs: 'buffer' as const, bodyLimit };
  fastify.addContentTypeParser('application/json', options, (request: FastifyRequest, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(request, body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser(MERGE_PATCH_TYPE, options, (request: FastifyRequest, body: Buffer, done) => {
    try {
      if (routeConfigOf(request).mergePatch !== true) {
        throw new DomainError('request.unsupported_media_type', 'Send application/json; this route does not take a merge patch.');
      }
      done(null, parseJsonBody(request, body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

function routeConfigOf(request: FastifyRequest): JsonBodyRouteConfig {
  const config = routeOf(request).config as unknown as Record<string, unknown> | undefined;
  return (config?.[JSON_BODY_ROUTE_CONFIG] as JsonBodyRouteConfig | undefined) ?? {};
}

function parseJsonBody(request: FastifyRequest, raw: Buffer): unknown {
  request.rawBody = raw;
  let text = raw.toString('utf8');
  // A UTF-8 byte order mark is tolerated, as Fastify's own parser did.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (exceedsNestingDepth(text, MAX_BODY_DEPTH)) {
    throw new DomainError('request.body_too_deep', `Arrays and objects in the request body may be nested at most ${MAX_BODY_DEPTH} levels.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError('request.malformed_body', 'The request body is not valid JSON.');
  }
  if (!routeConfigOf(request).prototypeKeysCheckedByHandler && mayHoldPrototypeKey(text)) {
    const path = findPrototypeKey(value);
    if (path !== undefined) {
      throw new DomainError('request.validation_failed', 'The request is not valid.', {
        extensions: { errors: [{ field: path, message: 'is a reserved name and not allowed' }] },
      });
    }
  }
  return value;
}

/**
 * Whether `[`/`{` nest deeper than `limit` in JSON text, counted outside strings: one pass, no recursion, no
 * allocation, stopping at the first level too deep. Strings are skipped with `indexOf`, so a body that is
 * mostly one long string costs next to nothing. Text that is not JSON gets some answer here and is refused by
 * JSON.parse after.
 */
export function exceedsNestingDepth(text: string, limit: number): boolean {
  let depth = 0;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // The string ends at the next quote not escaped, i.e. not preceded by an odd run of backslashes.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i === -1) return false;
        let backslashes = 0;
        while (text.charCodeAt(i - 1 - backslashes) === 0x5c /* \ */) backslashes += 1;
        if ((backslashes & 1) === 0) break;
      }
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth -= 1;
    }
  }
  return false;
}

/** Each prototype key contains "proto" or "constructor" as written, unless a letter is \u-escaped. */
function mayHoldPrototypeKey(text: string): boolean {
  return text.includes('proto') || text.includes('constructor') || text.includes('\\u');
}

/**
 * The dotted path of the first prototype key anywhere in a parsed value (`a.0.__proto__`), if any. Iterative,
 * although the depth check above already bounds the nesting.
 */
export function findPrototypeKey(value: unknown): string | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const keys = Object.keys(current);
    for (const key of keys) {
      if (PROTOTYPE_KEYS.has(key)) return path ? `${path}.${key}` : key;
    }
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i];
      pending.push({ value: (current as Record<string, unknown>)[key], path: path ? `${path}.${key}` : key });
    }
  }
  return undefined;
}
