import fc from 'fast-check';
import { depthOf } from '../../profile/merge-patch.js';
import { exceedsNestingDepth, findPrototypeKey } from './json-body.js';

describe('exceedsNestingDepth (the raw-text depth scan)', () => {
  it('agrees with the depth of the parsed value, whatever the strings hold', () => {
    const strings = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ':', ',') });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'large' }, strings, fc.integer(), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(strings, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 12 }), (json, limit) => {
        expect(exceedsNestingDepth(JSON.stringify(json), limit)).toBe(depthOf(json) > limit);
      }),
      { seed: 18, numRuns: 500 },
    );
  });

  it('stops at the first level too deep', () => {
    expect(exceedsNestingDepth(`${'['.repeat(33)}`, 32)).toBe(true);
    expect(exceedsNestingDepth(`${'['.repeat(32)}${']'.repeat(32)}`, 32)).toBe(false);
  });
});

describe('findPrototypeKey', () => {
  it('finds own prototype keys at any depth, with their path', () => {
    expect(findPrototypeKey(JSON.parse('{"a":[{"b":{"__proto__":1}}]}'))).toBe('a.0.b.__proto__');
    expect(findPrototypeKey({ a: { constructor: 1 } })).toBe('a.constructor');
    expect(findPrototypeKey({ prototype: 1 })).toBe('prototype');
    expect(findPrototypeKey({ a: ['__proto__', { b: 'constructor' }] })).toBeUndefined();
  });
});
