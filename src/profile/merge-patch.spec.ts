import fc from 'fast-check';
import { applyMergePatch, depthOf, exceedsDepth, findForbiddenKey, isJsonObject, type Json } from './merge-patch.js';

describe('applyMergePatch (RFC 7396)', () => {
  // RFC 7396 Appendix A, every example.
  it.each<[Json, Json, Json]>([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j patched with %j is %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('does not mutate its inputs', () => {
    const target = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    applyMergePatch(target, patch);
    expect(target).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });

  it('is idempotent: applying the same patch twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (target, patch) => {
        const once = applyMergePatch(target as Json, patch as Json);
        expect(applyMergePatch(once, patch as Json)).toEqual(once);
      }),
      { seed: 7396, numRuns: 300 },
    );
  });
});

describe('structural limits', () => {
  it('measures depth', () => {
    expect(depthOf(1)).toBe(0);
    expect(depthOf({})).toBe(1);
    expect(depthOf({ a: { b: [1] } })).toBe(3);
    expect(depthOf(null)).toBe(0);
    expect(depthOf({ a: null, b: 'x' })).toBe(1);
    expect(depthOf([[], [[]]])).toBe(3);
  });

  it('tells whether a value nests deeper than a limit, exactly at the limit', () => {
    expect(exceedsDepth(1, 0)).toBe(false);
    expect(exceedsDepth(null, 0)).toBe(false);
    expect(exceedsDepth({}, 0)).toBe(true);
    expect(exceedsDepth({}, 1)).toBe(false);
    expect(exceedsDepth({ a: null, b: 1 }, 1)).toBe(false);
    expect(exceedsDepth({ a: {} }, 1)).toBe(true);
    expect(exceedsDepth({ a: 1, b: [[]] }, 2)).toBe(true);
    expect(exceedsDepth({ a: 1, b: [[]] }, 3)).toBe(false);
  });

  it('agrees with depthOf on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(6), (value, max) => {
        expect(exceedsDepth(value, max)).toBe(depthOf(value) > max);
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  it('knows a JSON object from an array, null and scalars', () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject([])).toBe(false);
    expect(isJsonObject(null)).toBe(false);
    expect(isJsonObject('{}')).toBe(false);
  });

  it('finds prototype keys anywhere', () => {
    expect(findForbiddenKey(JSON.parse('{"a":{"__proto__":{}}}'))).toBe('a.__proto__');
    expect(findForbiddenKey({ list: [{ constructor: 1 }] })).toBe('list.0.constructor');
    expect(findForbiddenKey({ a: { b: 'prototype' } })).toBeUndefined();
  });
});
