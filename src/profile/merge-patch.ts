/**
 * JSON Merge Patch (RFC 7396) and the structural limits applied to every user-supplied custom data patch.
 */
import { findPrototypeKey, PROTOTYPE_KEYS } from '../common/http/json-body.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Keys that could pollute prototypes where the data is later merged by someone's code. */
export const FORBIDDEN_KEYS = PROTOTYPE_KEYS;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7396 §2: objects merge recursively, `null` removes a member, anything else replaces. */
export function applyMergePatch(target: Json | undefined, patch: Json): Json {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

/** Depth of nested objects/arrays: a scalar is 0, `{}` is 1, `{a:{}}` is 2. */
export function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let deepest = 0;
  for (const inner of Object.values(value)) deepest = Math.max(deepest, depthOf(inner));
  return deepest + 1;
}

/**
 * Whether objects/arrays nest deeper than `max`, descending no further than `max + 1` levels: safe to call
 * before anything else walks the value.
 */
export function exceedsDepth(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max <= 0) return true;
  for (const inner of Object.values(value)) if (exceedsDepth(inner, max - 1)) return true;
  return false;
}

/** The path of the first forbidden key anywhere in the value, if any. */
export function findForbiddenKey(value: unknown): string | undefined {
  return findPrototypeKey(value);
}
