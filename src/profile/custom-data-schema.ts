import { Ajv as AjvDraft07, type Format, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { readFileSync } from 'node:fs';
import { RESERVED_CUSTOM_DATA_KEY } from '../account/reserved-custom-data-key.js';

export { RESERVED_CUSTOM_DATA_KEY };

/** The JSON Schema dialects an operator's schema may use, by `$schema`; a schema without `$schema` is 2020-12. */
const DIALECTS = {
  'draft-07': { ids: ['http://json-schema.org/draft-07/schema'], create: () => new AjvDraft07(AJV_OPTIONS) },
  '2019-09': { ids: ['https://json-schema.org/draft/2019-09/schema'], create: () => new Ajv2019(AJV_OPTIONS) },
  '2020-12': { ids: ['https://json-schema.org/draft/2020-12/schema'], create: () => new Ajv2020(AJV_OPTIONS) },
} as const;
export type CustomDataSchemaDialect = keyof typeof DIALECTS;

const AJV_OPTIONS = { allErrors: true, strict: false } as const;

// ajv-formats is CommonJS with a default export; under ESM interop it may arrive wrapped.
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ?? addFormatsPlugin) as unknown as (
  ajv: AjvDraft07 | Ajv2019 | Ajv2020,
) => void;

export interface CustomDataSchema {
  dialect: CustomDataSchemaDialect;
  validate: ValidateFunction;
  /** The top-level `properties`: the keys users see, and whether they may change them. */
  declared: ReadonlyMap<string, { readOnly: boolean }>;
}

/** Why an operator's schema cannot be used; the message names the file and the problem, for the config check. */
export class CustomDataSchemaError extends Error {
  override readonly name = 'CustomDataSchemaError';
}

/** Reads, parses and compiles the schema file; every failure is a CustomDataSchemaError. */
export function loadCustomDataSchema(path: string): { document: Record<string, unknown>; schema: CustomDataSchema } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CustomDataSchemaError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new CustomDataSchemaError(`${path} is not JSON: ${(error as Error).message}`);
  }
  return { document: document as Record<string, unknown>, schema: compileCustomDataSchema(document, path) };
}

const compiled = new WeakMap<object, CustomDataSchema>();

/**
 * Compiles an operator's schema with the dialect its `$schema` names. Memoized per document: the config check
 * compiles it once at boot, and the policy gets the same compiled schema for the same document.
 */
export function compileCustomDataSchema(document: unknown, source = 'the schema'): CustomDataSchema {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new CustomDataSchemaError(`${source} is not a JSON Schema object`);
  }
  const cached = compiled.get(document);
  if (cached) return cached;
  const schema = document as Record<string, unknown> & { properties?: Record<string, { readOnly?: unknown } | boolean> };
  const dialect = dialectOf(schema.$schema, source);
  const ajv = DIALECTS[dialect].create();
  addFormats(ajv);
  for (const [name, format] of Object.entries(URL_FORMATS)) ajv.addFormat(name, format);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new CustomDataSchemaError(`${source} is not a valid JSON Schema (${dialect}): ${(error as Error).message}`);
  }
  const declared = new Map<string, { readOnly: boolean }>();
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (key === RESERVED_CUSTOM_DATA_KEY) {
      throw new CustomDataSchemaError(`${source} declares "${RESERVED_CUSTOM_DATA_KEY}", a key reserved for this service's own data`);
    }
    declared.set(key, { readOnly: typeof property === 'object' && property !== null && property.readOnly === true });
  }
  const result = { dialect, validate, declared };
  compiled.set(document, result);
  return result;
}

function dialectOf(declared: unknown, source: string): CustomDataSchemaDialect {
  if (declared === undefined) return '2020-12';
  // The meta-schema ids are written with and without the empty fragment, and over http or https.
  const id = typeof declared === 'string' ? declared.replace(/#$/, '').replace(/^http:/, 'https:') : undefined;
  for (const [dialect, { ids }] of Object.entries(DIALECTS)) {
    if (ids.some((known) => known.replace(/^http:/, 'https:') === id)) return dialect as CustomDataSchemaDialect;
  }
  throw new CustomDataSchemaError(
    `${source}: "$schema" ${JSON.stringify(declared)} is not a supported dialect (${Object.values(DIALECTS)
      .map(({ ids }) => ids[0])
      .join(', ')})`,
  );
}

/**
 * Custom data is shown back to users, often as a link: a field declared as a URL (`format: uri`, `url`, `iri`)
 * holds an absolute http or https URL with a host, never `javascript:`, `data:` or `file:`. The `-reference`
 * formats also take a relative reference, but one with a scheme must be http or https too.
 */
const HTTP_URL = /^https?:\/\/[^/?#]/i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
/** Characters browsers drop or trim from URLs (so `java\tscript:` runs as `javascript:`), and spaces. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this matches
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;

function isHttpUrl(value: string): boolean {
  if (CONTROL_OR_SPACE.test(value) || !HTTP_URL.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const fullUri = fullFormats.uri as (value: string) => boolean;
const fullUriReference = fullFormats['uri-reference'] as RegExp;

const URL_FORMATS: Record<string, Format> = {
  uri: (value: string) => fullUri(value) && isHttpUrl(value),
  url: (value: string) => isHttpUrl(value),
  iri: (value: string) => isHttpUrl(value),
  'uri-reference': (value: string) => fullUriReference.test(value) && (!HAS_SCHEME.test(value) || isHttpUrl(value)),
  'iri-reference': (value: string) => !CONTROL_OR_SPACE.test(value) && (!HAS_SCHEME.test(value) || isHttpUrl(value)),
};
