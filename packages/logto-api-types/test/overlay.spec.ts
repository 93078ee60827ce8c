/**
 * Issue #19.2: the overlay on Logto's Management API document (overlay.mjs). Logto's document is what the types in
 * src/logto-api.generated.d.ts are generated from; the recordings of a real Logto 1.41 are what it must agree with.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
// @ts-expect-error: a plain ESM module without type declarations (the generator runs it under node)
import * as overlayModule from '../overlay.mjs';

type Schema = Record<string, unknown>;
interface Rule { name: string; reason: string; recordings: string[]; apply: (schema: Schema) => boolean }
interface Patch { pointer: string; patch: Schema; reason: string; recordings: string[] }
const overlay = overlayModule as {
  RULES: Rule[];
  PATCHES: Patch[];
  applyOverlay: (document: unknown, options?: { rules?: Rule[]; patches?: Patch[] }) => { document: Schema; counts: Record<string, number> };
  resolvePointer: (document: unknown, pointer: string) => unknown;
};

const SHARED = join(process.cwd(), '..', 'shared', 'logto');
const DOCUMENT_PATH = process.env.LOGTO_OPENAPI ?? join(SHARED, 'openapi.json');
const EXCHANGES = process.env.LOGTO_EXCHANGES_DIR ?? join(SHARED, 'exchanges');
const RAW: Schema = JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8'));

interface Answer { name: string; pointer: string; body: unknown }

/** Every recorded answer that Logto's document describes: an operation it lists, a JSON schema for the status. */
function recordedAnswers(document: Schema): { answers: Answer[]; undocumented: string[] } {
  const paths = document.paths as Record<string, Record<string, { responses?: Record<string, Schema> }>>;
  const template = (path: string) => path.replace(/\{[^}]+\}/g, '{}');
  const byTemplate = new Map(Object.keys(paths).map((path) => [template(path), path]));
  const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
  const answers: Answer[] = [];
  const undocumented: string[] = [];
  for (const file of readdirSync(EXCHANGES).filter((name) => name.endsWith('.json')).sort()) {
    const exchange = JSON.parse(readFileSync(join(EXCHANGES, file), 'utf8'));
    if (!exchange.request) continue; // decoded JWTs
    const path = byTemplate.get(template(exchange.request.path));
    const method = String(exchange.request.method).toLowerCase();
    const status = String(exchange.response.status);
    const name = file.replace(/\.json$/, '');
    if (!path || !paths[path][method]) {
      if (exchange.request.path.startsWith('/api/')) undocumented.push(name);
      continue;
    }
    const response = paths[path][method].responses?.[status] as { content?: Record<string, unknown> } | undefined;
    if (!response?.content?.['application/json']) continue; // errors and 204s: the document gives no body schema
    const pointer = `#/paths/${escape(path)}/${method}/responses/${status}/content/application~1json/schema`;
    answers.push({ name, pointer, body: withIds(exchange.response.body) });
  }
  return { answers, undocumented };
}

/** The recorder replaced volatile ids by placeholders (`{otherUserId}`, 13 chars); give them an id's length back. */
function withIds(value: unknown): unknown {
  if (typeof value === 'string') return /^\{[A-Za-z0-9]+\}$/.test(value) ? 'a1b2c3d4e5f6' : value;
  if (Array.isArray(value)) return value.map(withIds);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIds(v)]));
  return value;
}

/**
 * The document with every object schema that lists its properties closed (`additionalProperties: false` unless it
 * says otherwise): a field Logto sends that the document does not name fails, since the types would lack it.
 */
function closed(document: Schema): Schema {
  const out = structuredClone(document);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const schema = node as Schema;
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
    Object.values(schema).forEach(visit);
  };
  visit(out.paths);
  return out;
}

/** Validators for the answers against `document`, closed as above. */
function validatorFor(document: Schema): (answer: Answer) => ValidateFunction {
  // Formats are Logto's own names (`regex`, `url`, …) and `nullable` is OpenAPI 3.0's: ajv knows the latter.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(closed(document), 'logto');
  return (answer) => ajv.compile({ $ref: `logto${answer.pointer}` });
}

function failures(document: Schema, answers: Answer[]): string[] {
  const compile = validatorFor(document);
  return answers.flatMap((answer) => {
    const validate = compile(answer);
    if (validate(answer.body)) return [];
    const first = validate.errors?.[0];
    return [`${answer.name}: ${first?.instancePath || '/'} ${first?.message ?? ''}`];
  });
}

describe('the overlay on Logto\'s Management API document', () => {
  const { answers } = recordedAnswers(RAW);
  const overlaid = overlay.applyOverlay(RAW);

  it('finds every patch target in the document, and each patch still changes something there', () => {
    // A Logto upgrade that fixes the document (or moves the operation) makes a patch dead or misplaced: look again.
    for (const { pointer, patch } of overlay.PATCHES) {
      const target = overlay.resolvePointer(RAW, pointer);
      expect({ pointer, found: target !== undefined }).toEqual({ pointer, found: true });
      expect({ pointer, changed: JSON.stringify(overlay.resolvePointer(overlaid.document, pointer)) !== JSON.stringify(target) }).toEqual({
        pointer,
        changed: true,
      });
      expect(Object.keys(patch).length).toBeGreaterThan(0);
    }
  });

  it('applies every rule somewhere in the document', () => {
    for (const rule of overlay.RULES) expect({ rule: rule.name, applied: overlaid.counts[rule.name] > 0 }).toEqual({ rule: rule.name, applied: true });
  });

  it('leaves the document it is given unchanged', () => {
    const before = JSON.stringify(RAW);
    overlay.applyOverlay(RAW);
    expect(JSON.stringify(RAW)).toBe(before);
  });

  it('makes every recorded answer of a documented operation valid, with no field the document does not name', () => {
    expect(answers.length).toBeGreaterThanOrEqual(60);
    expect(failures(overlaid.document, answers)).toEqual([]);
  });

  it('is needed: Logto\'s document as served refuses recorded answers', () => {
    // What the overlay exists for; if this list empties, Logto fixed its document.
    expect(failures(RAW, answers).length).toBeGreaterThan(0);
  });

  const entries = [
    ...overlay.RULES.filter((rule) => rule.recordings.length > 0).map((rule) => ({
      label: `rule ${rule.name}`,
      recordings: rule.recordings,
      without: { rules: overlay.RULES.filter((other) => other !== rule) },
    })),
    ...overlay.PATCHES.map((patch) => ({
      label: `patch ${patch.pointer}`,
      recordings: patch.recordings,
      without: { patches: overlay.PATCHES.filter((other) => other !== patch) },
    })),
  ];

  it.each(entries)('$label: without it, the recordings it names fail', ({ recordings, without }) => {
    expect(recordings.length).toBeGreaterThan(0);
    const named = answers.filter((answer) => recordings.includes(answer.name));
    expect(named.map((answer) => answer.name).sort()).toEqual([...recordings].sort());
    const failing = failures(overlay.applyOverlay(RAW, without).document, named).map((line) => line.split(':')[0]);
    expect(failing.sort()).toEqual([...recordings].sort());
  });
});
