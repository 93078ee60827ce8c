import { ManualClock } from '../common/clock.js';
import { MemoryStore } from './memory-store.js';

describe('MemoryStore copies', () => {
  const store = () => new MemoryStore(new ManualClock(1_000_000));

  it('hands out a copy of a stored object: changing it changes nothing stored', async () => {
    const s = store();
    await s.set('k', { nested: { n: 1 }, list: [1, 2] }, 60_000);
    const read = await s.get<{ nested: { n: number }; list: number[] }>('k');
    read!.nested.n = 2;
    read!.list.push(3);
    expect(await s.get('k')).toEqual({ nested: { n: 1 }, list: [1, 2] });
  });

  it('stores a copy of the object it is given: changing the original later changes nothing stored', async () => {
    const s = store();
    const value = { nested: { n: 1 } };
    await s.set('k', value, 60_000);
    value.nested.n = 2;
    expect(await s.get('k')).toEqual({ nested: { n: 1 } });
  });

  it.each([['active'], [42], [true], [null], [10n]])('returns %p as it was stored', async (value) => {
    const s = store();
    await s.set('k', value, 60_000);
    expect(await s.get('k')).toBe(value);
  });

  it('still refuses what cannot be copied (a function), as structuredClone does', async () => {
    await expect(store().set('k', () => 1, 60_000)).rejects.toThrow();
  });
});
