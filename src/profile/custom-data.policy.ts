import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ErrorObject } from 'ajv';
import type { AllConfig } from '../config/app-config.js';
import { DomainError } from '../common/errors/domain-error.js';
import { compileCustomDataSchema, RESERVED_CUSTOM_DATA_KEY, type CustomDataSchema } from './custom-data-schema.js';
import { applyMergePatch, exceedsDepth, findForbiddenKey, isJsonObject, type Json, type JsonObject } from './merge-patch.js';

const MAX_VISIBLE_BYTES = 32 * 1024;
const NOTHING_DECLARED: ReadonlyMap<string, { readOnly: boolean }> = new Map();
const MAX_DEPTH = 8;

export { RESERVED_CUSTOM_DATA_KEY };

export interface CustomDataChange {
  /** The user-visible document after the patch. */
  visible: JsonObject;
  /** Top-level keys whose value is new or different: written with Logto's top-level merge. */
  changed: JsonObject;
  /** Top-level keys the patch removed. */
  removed: string[];
}

/**
 * What users may see and change of Logto's customData: the top-level `properties` of the operator's JSON
 * Schema (CUSTOM_DATA_SCHEMA). Everything else is private to admins and apps, invisible here, and a patch
 * naming an undeclared key is refused exactly like a schema violation, so answers never reveal hidden keys.
 */
@Injectable()
export class CustomDataPolicy {
  private readonly logger = new Logger('CustomDataPolicy');
  private readonly schema?: CustomDataSchema;
  private readonly document?: Record<string, unknown>;

  constructor(config: ConfigService<AllConfig, true>) {
    // The configuration check (loadConfig) read and compiled the file already: an unusable schema stops the
    // service there, with every other bad setting.
    const { customDataSchema } = config.get('account', { infer: true });
    if (!customDataSchema) return;
    this.document = customDataSchema;
    this.schema = compileCustomDataSchema(customDataSchema);
    // Stryker disable next-line all: a log line, no decision.
    this.logger.log({ keys: [...this.declared.keys()], dialect: this.schema.dialect }, 'custom data schema loaded');
  }

  private get declared(): ReadonlyMap<string, { readOnly: boolean }> {
    return this.schema?.declared ?? NOTHING_DECLARED;
  }

  /**
   * The schema of what users see, for apps that build a form from it (GET /me/custom-data/schema): the declared
   * top-level properties, each with `readOnly` set, their definitions, and the document's title and
   * description. Every other keyword is left out: `required`, `patternProperties`, `if`, `dependentRequired`
   * and the like may name keys kept private to admins, and the server checks the whole schema anyway.
   */
  userSchema(): JsonObject {
    const document = this.document ?? {};
    const result: JsonObject = {};
    for (const keyword of ['$schema', 'title', 'description']) {
      if (typeof document[keyword] === 'string') result[keyword] = document[keyword];
    }
    result.type = 'object';
    const declaredProperties = (document.properties ?? {}) as Record<string, Json>;
    const properties: JsonObject = {};
    for (const [key, { readOnly }] of this.declared) {
      const property = declaredProperties[key];
      // Boolean schemas become objects so `readOnly` has a place: `true` (anything) is `{}`, `false` (nothing) `{ not: {} }`.
      const base: JsonObject = isJsonObject(property) ? property : property === false ? { not: {} } : {};
      properties[key] = { ...base, readOnly };
    }
    Object.assign(result, referencedDefinitions(document, properties));
    result.properties = properties;
    if (Array.isArray(document.required)) {
      result.required = document.required.filter((key): key is string => typeof key === 'string' && this.declared.has(key));
    }
    // A patch naming any other key is refused (custom_data.invalid).
    result.additionalProperties = false;
    return result;
  }


  /**
   * The part of customData users see. A declared key holding `null` is shown as absent: that is how a user's
   * deletion is stored (see `plan`).
   */
  visible(customData: Record<string, unknown>): JsonObject {
    const result: JsonObject = {};
    for (const key of this.declared.keys()) {
      if (key === RESERVED_CUSTOM_DATA_KEY) continue;
      const value = customData[key];
      if (value !== undefined && value !== null) result[key] = value as Json;
    }
    return result;
  }

  /** Checks a merge patch against the limits, the declared keys and the schema; returns what to write. */
  plan(current: Record<string, unknown>, patch: unknown): CustomDataChange {
    if (!isJsonObject(patch)) {
      throw new DomainError('custom_data.invalid', 'The patch must be a JSON object (RFC 7396).', { extensions: { errors: [{ field: '', message: 'must be object' }] } });
    }
    // Depth first, with a walk that stops at the limit: every later check walks the whole patch.
    if (exceedsDepth(patch, MAX_DEPTH)) throw new DomainError('custom_data.too_deep', `Custom data may be nested at most ${MAX_DEPTH} levels.`);
    const forbidden = findForbiddenKey(patch);
    if (forbidden) throw new DomainError('custom_data.forbidden_key', `The key "${forbidden}" is not allowed.`);

    for (const key of Object.keys(patch)) {
      const declared = this.declared.get(key);
      if (!declared) {
        // Same answer for a hidden admin key and a key that exists nowhere.
        throw new DomainError('custom_data.invalid', 'The patch does not match the custom data schema.', {
          extensions: { errors: [{ field: key, message: 'is not a user-editable field' }] },
        });
      }
      if (declared.readOnly) throw new DomainError('custom_data.read_only_field', `The field "${key}" is read-only.`);
    }

    const before = this.visible(current);
    const visible = applyMergePatch(before, patch) as JsonObject;
    const validate = this.schema?.validate;
    if (validate && !validate(visible)) {
      throw new DomainError('custom_data.invalid', 'The patch does not match the custom data schema.', {
        extensions: { errors: describe(validate.errors ?? []) },
      });
    }
    if (Buffer.byteLength(JSON.stringify(visible)) > MAX_VISIBLE_BYTES) {
      throw new DomainError('custom_data.too_large', `The user-visible custom data may be at most ${MAX_VISIBLE_BYTES} bytes.`);
    }

    const changed: JsonObject = {};
    const removed: string[] = [];
    for (const key of Object.keys(patch)) {
      if (key in visible) {
        if (JSON.stringify(visible[key]) !== JSON.stringify(before[key])) changed[key] = visible[key];
      } else if (key in before) {
        removed.push(key);
      }
    }
    return { visible, changed, removed };
  }
}

function describe(errors: ErrorObject[]): Array<{ field: string; message: string }> {
  return errors.map((error) => {
    const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
    const field = missing ? (path ? `${path}.${missing}` : missing) : path;
    return { field, message: error.message ?? 'is not valid' };
  });
}

const LOCAL_DEFINITION_REF = /^#\/(\$defs|definitions)\/([^/]+)/;

/**
 * The definitions (`$defs` or draft-07's `definitions`) the declared properties refer to, directly or through
 * other definitions: an unreferenced definition may describe keys kept from users, so it is left out.
 */
function referencedDefinitions(document: Record<string, unknown>, properties: JsonObject): JsonObject {
  const result: Record<string, JsonObject> = {};
  const pending: Json[] = [properties];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isJsonObject(node)) continue;
    for (const [key, value] of Object.entries(node)) {
      const match = key === '$ref' && typeof value === 'string' ? LOCAL_DEFINITION_REF.exec(value) : null;
      if (!match) {
        pending.push(value);
        continue;
      }
      const [, keyword, pointerName] = match as unknown as [string, string, string];
      // JSON Pointer escapes (RFC 6901): ~1 is "/", ~0 is "~".
      const name = pointerName.replace(/~1/g, '/').replace(/~0/g, '~');
      // The schema compiled at boot, so the definition exists.
      const definition = (document[keyword] as JsonObject)[name] as Json;
      const kept = (result[keyword] ??= {});
      if (Object.hasOwn(kept, name)) continue;
      kept[name] = definition;
      pending.push(kept[name]);
    }
  }
  return result;
}
