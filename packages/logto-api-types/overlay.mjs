/**
 * Corrections to Logto 1.41's own Management API document (../shared/logto/openapi.json) where it disagrees with
 * what Logto really sends (../shared/logto/exchanges) or says it in a way no OpenAPI tool reads. Applied to the
 * document before the types are generated (scripts/generate.mjs) and before the recordings are validated
 * against it (test/overlay.spec.ts, which also fails when a target is gone or already fixed upstream).
 *
 * RULES fix what Logto's zod-to-OpenAPI step writes wrongly everywhere; PATCHES are JSON merge patches
 * (RFC 7386) at one JSON pointer each, with the reason and the recording that proves it.
 */

/** @typedef {Record<string, unknown>} Schema */

const LITERAL_STRING = /^"(.*)"$/s;
const REGEX_LITERAL = /^\/(.*)\/([a-z]*)$/s;

/**
 * `recordings`: exchanges that fail validation without the rule (test/overlay.spec.ts checks it); empty where only
 * the generated types suffer.
 * @type {Array<{ name: string; reason: string; recordings: string[]; apply: (schema: Schema) => boolean }>}
 */
export const RULES = [
  {
    name: 'string-literal-format',
    reason: 'z.literal("X") comes out as { type: string, format: "\\"X\\"" }: no constraint and no literal type; it is enum ["X"]',
    recordings: ['08-sessions-list'],
    apply(schema) {
      const match = schema.type === 'string' && typeof schema.format === 'string' ? LITERAL_STRING.exec(schema.format) : null;
      if (!match) return false;
      delete schema.format;
      schema.enum = [match[1]];
      return true;
    },
  },
  {
    name: 'boolean-literal-format',
    reason: 'z.literal(true|false) comes out as { type: boolean, format: "true"|"false" }; it is enum [true] or [false]',
    recordings: [],
    apply(schema) {
      if (schema.type !== 'boolean' || (schema.format !== 'true' && schema.format !== 'false')) return false;
      schema.enum = [schema.format === 'true'];
      delete schema.format;
      return true;
    },
  },
  {
    name: 'empty-string-format',
    reason: 'z.literal("") comes out as { type: string, format: "empty" }, which matches any string; it is enum [""]',
    recordings: [],
    apply(schema) {
      if (schema.type !== 'string' || schema.format !== 'empty') return false;
      delete schema.format;
      schema.enum = [''];
      return true;
    },
  },
  {
    name: 'regex-literal-pattern',
    reason: 'patterns are written as JavaScript regex literals (/…/i); JSON Schema wants the bare source, without flags',
    recordings: ['04-sign-in-exp-patch-password-policy'],
    apply(schema) {
      const match = typeof schema.pattern === 'string' ? REGEX_LITERAL.exec(schema.pattern) : null;
      if (!match) return false;
      const [, source, flags] = match;
      if (flags !== '' && flags !== 'i') throw new Error(`overlay: no translation for regex flags "${flags}" in ${schema.pattern}`);
      // The only flagged pattern is the colour one (`[\da-f]`, /i): spell the upper-case range out.
      schema.pattern = flags === 'i' ? source.replace(/([a-z])-([a-z])/g, (range, from, to) => `${range}${from.toUpperCase()}-${to.toUpperCase()}`) : source;
      return true;
    },
  },
  {
    name: 'nullable-enum',
    reason: 'nullable: true beside an enum without null; OpenAPI 3.0.3 needs null listed, so validators refuse null (06-connectors-list: platform null)',
    recordings: ['06-connectors-list', '06-connector-factories-list'],
    apply(schema) {
      if (schema.nullable !== true || !Array.isArray(schema.enum) || schema.enum.includes(null)) return false;
      schema.enum = [...schema.enum, null];
      return true;
    },
  },
];

const json = 'content/application~1json/schema';
const grantPayload = `/paths/~1api~1users~1{userId}~1grants/get/responses/200/${json}/properties/grants/items/properties/payload`;
const logOpenPayload = {
  patch: { additionalProperties: true },
  reason: 'a log payload is an open bag (zod catchall): each log key adds its own fields (scope, tokenTypes, prompt, interaction…)',
};

/** @type {Array<{ pointer: string; patch: Schema; reason: string; recordings: string[] }>} */
export const PATCHES = [
  {
    pointer: `${grantPayload}/properties`,
    patch: {
      openid: { type: 'object', properties: { scope: { type: 'string' } } },
      resources: { type: 'object', additionalProperties: { type: 'string' } },
    },
    reason: 'a grant payload also carries the OIDC scopes and the per-resource scopes granted; the document lists neither',
    recordings: ['08-grants-list'],
  },
  { pointer: `/paths/~1api~1logs/get/responses/200/${json}/items/properties/payload`, ...logOpenPayload, recordings: ['10-logs-by-user'] },
  { pointer: `/paths/~1api~1logs~1{id}/get/responses/200/${json}/properties/payload`, ...logOpenPayload, recordings: ['10-log-get'] },
];

/** The node a JSON pointer (RFC 6901) names, or undefined. */
export function resolvePointer(document, pointer) {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** RFC 7386: objects merge key by key, null deletes, anything else replaces. */
export function mergePatch(target, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function walkSchemas(node, visit) {
  if (Array.isArray(node)) {
    for (const item of node) walkSchemas(item, visit);
  } else if (node !== null && typeof node === 'object') {
    visit(node);
    for (const value of Object.values(node)) walkSchemas(value, visit);
  }
}

/**
 * A corrected copy of the document (the input is not changed), and how often each rule applied. Throws when a
 * patch's target is missing: the document changed and the patch must be looked at again.
 */
export function applyOverlay(document, { patches = PATCHES, rules = RULES } = {}) {
  const out = structuredClone(document);
  /** @type {Record<string, number>} */
  const counts = Object.fromEntries(rules.map((rule) => [rule.name, 0]));
  walkSchemas(out, (node) => {
    for (const rule of rules) if (rule.apply(node)) counts[rule.name] += 1;
  });
  for (const { pointer, patch } of patches) {
    const slash = pointer.lastIndexOf('/');
    const parent = resolvePointer(out, pointer.slice(0, slash));
    const key = pointer.slice(slash + 1).replace(/~1/g, '/').replace(/~0/g, '~');
    if (parent === undefined || parent === null || typeof parent !== 'object' || !Object.hasOwn(parent, key)) {
      throw new Error(`overlay: ${pointer} is not in the document`);
    }
    parent[key] = mergePatch(parent[key], patch);
  }
  return { document: out, counts };
}
