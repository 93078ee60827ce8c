/**
 * fast-check arbitraries built from openapi.yaml: values that follow a documented schema, and the hostile
 * inputs a client can send instead (wrong types, huge strings, deep nesting, prototype keys, duplicated keys,
 * bytes under the wrong content type).
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export type Schema = Record<string, unknown>;

export interface DocumentedOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI template, e.g. `/me/sessions/{sessionId}`. */
  path: string;
  operationId: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  headerParams: string[];
  /** The JSON request body schema, with `$ref`s resolved; undefined when the route takes no body. */
  bodySchema?: Schema;
  bodyContentTypes: string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

interface OperationObject {
  operationId: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export function loadOpenApi(root = process.cwd()): { operations: DocumentedOperation[]; resolve: (schema: Schema) => Schema } {
  const document = parse(readFileSync(join(root, 'openapi.yaml'), 'utf8')) as OpenApiDocument;
  const resolve = (schema: Schema): Schema => {
    const ref = schema.$ref;
    if (typeof ref === 'string') return resolve(document.components.schemas[ref.replace('#/components/schemas/', '')] ?? {});
    return schema;
  };
  const operations: DocumentedOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const parameters = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      const firstBody = Object.values(content)[0];
      operations.push({
        method: method.toUpperCase() as DocumentedOperation['method'],
        path,
        operationId: op.operationId,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        headerParams: parameters.filter((p) => p.in === 'header').map((p) => p.name),
        bodySchema: firstBody ? resolve(firstBody.schema) : undefined,
        bodyContentTypes: Object.keys(content),
      });
    }
  }
  return { operations, resolve };
}

/** A value that satisfies `schema` (the subset of JSON Schema the generated document uses). */
export function valueOf(schema: Schema, resolve: (schema: Schema) => Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const alternatives: Array<fc.Arbitrary<unknown>> = [];
  if (Array.isArray(s.allOf)) {
    const merged = Object.assign({}, ...s.allOf.map((part: Schema) => resolve(part)), { ...s, allOf: undefined }) as Schema;
    return valueOf(merged, resolve, depth);
  }
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const type = s.type;
  if (type === 'string') {
    const minLength = typeof s.minLength === 'number' ? s.minLength : 0;
    const maxLength = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 64, 300);
    if (typeof s.pattern === 'string') alternatives.push(fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= minLength && v.length <= maxLength));
    else if (s.format === 'email') alternatives.push(fc.emailAddress().filter((v) => v.length <= maxLength));
    else if (s.format === 'uri') alternatives.push(fc.webUrl().filter((v) => v.length <= maxLength));
    else if (s.format === 'date-time') alternatives.push(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
    else alternatives.push(fc.string({ minLength, maxLength, unit: 'grapheme' }).filter((v) => v.length <= maxLength));
  } else if (type === 'number' || type === 'integer') {
    const min = typeof s.minimum === 'number' ? s.minimum : -1e6;
    const max = typeof s.maximum === 'number' ? s.maximum : 1e6;
    alternatives.push(fc.integer({ min, max }));
  } else if (type === 'boolean') {
    alternatives.push(fc.boolean());
  } else if (type === 'array') {
    alternatives.push(fc.array(valueOf((s.items as Schema) ?? {}, resolve, depth + 1), { maxLength: 4 }));
  } else if (type === 'object' || s.properties !== undefined) {
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    const required = new Set((s.required ?? []) as string[]);
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, propertySchema] of Object.entries(properties)) {
      shape[name] = depth > 3 ? fc.constant(null) : valueOf(propertySchema, resolve, depth + 1);
    }
    const known = fc.record(shape, { requiredKeys: [...required].filter((k) => k in shape) });
    if (s.additionalProperties === true && Object.keys(properties).length === 0) {
      alternatives.push(fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }));
    } else {
      alternatives.push(known);
    }
  } else {
    alternatives.push(fc.jsonValue({ maxDepth: 2 }));
  }
  const base = alternatives.length === 1 ? (alternatives[0] as fc.Arbitrary<unknown>) : fc.oneof(...alternatives);
  return s.nullable === true ? fc.option(base, { nil: null, freq: 4 }) : base;
}

/** Any JSON value of a wrong kind: wrong types, unicode, huge and empty strings, extreme numbers. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\u202e', '𝕏'.repeat(50), 'a'.repeat(5000), '../../etc/passwd', '<script>', '%00', '${jndi:x}'),
  fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, true, false, null),
  fc.constantFrom([], {}, [[]], [{}], { $ne: null }, { toString: 'x' }),
);

/** Raw request bodies that JSON.stringify cannot produce. */
export function rawHostileBody(propertyNames: string[]): fc.Arbitrary<string> {
  const key = propertyNames.length > 0 ? fc.constantFrom(...propertyNames) : fc.constant('name');
  return fc.oneof(
    // Duplicated keys: which one wins must not matter to the outcome's safety.
    fc.tuple(key, hostileJsonValue, hostileJsonValue).map(([k, a, b]) => `{"${k}":${JSON.stringify(a) ?? 'null'},"${k}":${JSON.stringify(b) ?? 'null'}}`),
    // Prototype keys at the top and nested.
    fc.tuple(key, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(
      ([k, proto]) => `{"${proto}":{"isAdmin":true,"${k}":"x","prototype":{"polluted":1}},"${k}":{"__proto__":{"polluted":1}}}`,
    ),
    fc.constant('{"constructor":{"prototype":{"polluted":true}}}'),
    // Deep nesting of arrays or objects.
    fc.integer({ min: 500, max: 6000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
    fc.tuple(key, fc.integer({ min: 500, max: 4000 })).map(([k, depth]) => `${`{"${k}":`.repeat(depth)}1${'}'.repeat(depth)}`),
    // Around and over the body limit (64 KiB).
    fc.tuple(key, fc.constantFrom(60_000, 70_000)).map(([k, size]) => JSON.stringify({ [k]: 'x'.repeat(size) })),
    // Broken JSON.
    fc.constantFrom('{', '{"a":', '[1,2', 'null', '"just a string"', '1e99999', 'tru', '\ufeff{}', '{"a":1}garbage', '{}{}', ''),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
}

/**
 * A body nesting arrays or objects `depth` levels deep under one documented property: just around the
 * service's limit (32) and far beyond it, where a recursive walk would overflow its stack.
 */
export function deepBody(propertyNames: string[]): fc.Arbitrary<{ text: string; depth: number }> {
  const key = propertyNames.length > 0 ? fc.constantFrom(...propertyNames) : fc.constant('name');
  const depth = fc.oneof(fc.integer({ min: 28, max: 40 }), fc.integer({ min: 500, max: 6000 }));
  return fc.tuple(key, depth, fc.boolean()).map(([k, n, arrays]) => ({
    // The outer object is one level.
    text: arrays ? `{"${k}":${'['.repeat(n - 1)}1${']'.repeat(n - 1)}}` : `{"${k}":${'{"a":'.repeat(n - 2)}1${'}'.repeat(n - 1)}`,
    depth: n,
  }));
}

/** Header values Node would put on the wire: visible ASCII and Latin-1, tabs and spaces. */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0xa0, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 20 }),
  fc.constantFrom('', ' ', '*', 'W/"x"', '"abc"', 'null', 'x'.repeat(300), 'x'.repeat(4000)),
);

/** A path segment, percent-encoded as a client would (plus a few encodings a client should not send). */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom('..', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%00', '%ZZ', '%', 'a'.repeat(300), '__proto__', 'constructor', '0', '-1', 'null', 'undefined'),
);

/** A raw query string: documented parameters with good and bad values, and unknown or hostile ones. */
export function queryString(params: Array<{ name: string; schema: Schema }>, resolve: (schema: Schema) => Schema): fc.Arbitrary<string> {
  const documented = params.map(({ name, schema }) =>
    fc.oneof(valueOf(schema, resolve), hostileJsonValue).map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value) ?? '')}`),
  );
  const pair = fc.oneof(
    ...documented,
    fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 })).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
    fc.constantFrom('__proto__[polluted]=1', 'constructor[prototype][polluted]=1', 'limit=1&limit=2', 'limit=', 'limit=1e309', 'limit=NaN', 'cursor=%ZZ', 'a[]=1&a[]=2', '=', '&&'),
  );
  return fc.array(pair, { maxLength: 4 }).map((pairs) => pairs.join('&'));
}
