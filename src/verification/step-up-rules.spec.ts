import { availableStepUpMethods, isUsableRecord } from './step-up-rules.js';

describe('isUsableRecord', () => {
  const now = 1_000_000;
  const record = { userId: 'u1', expiresAt: now + 1, epoch: 'e1' };

  it('accepts the user\'s own unexpired record of the current epoch', () => {
    expect(isUsableRecord(record, 'u1', 'e1', now)).toBe(true);
  });

  it('refuses a missing record', () => {
    expect(isUsableRecord(undefined, 'u1', undefined, now)).toBe(false);
  });

  it('refuses another user\'s record', () => {
    expect(isUsableRecord(record, 'u2', 'e1', now)).toBe(false);
    expect(isUsableRecord(record, 'u2', undefined, now)).toBe(false);
  });

  it('refuses a record at or after its expiry', () => {
    expect(isUsableRecord({ ...record, expiresAt: now }, 'u1', 'e1', now)).toBe(false);
    expect(isUsableRecord({ ...record, expiresAt: now - 1 }, 'u1', undefined, now)).toBe(false);
  });

  it('refuses a record of an older epoch, and one created before any epoch once one exists', () => {
    expect(isUsableRecord(record, 'u1', 'e2', now)).toBe(false);
    expect(isUsableRecord({ ...record, epoch: undefined }, 'u1', 'e2', now)).toBe(false);
  });

  it('accepts any epoch when the user has none (no recent revocation)', () => {
    expect(isUsableRecord(record, 'u1', undefined, now)).toBe(true);
    expect(isUsableRecord({ ...record, epoch: undefined }, 'u1', undefined, now)).toBe(true);
  });
});

describe('availableStepUpMethods', () => {
  it('offers each method the user has, in a fixed order', () => {
    expect(availableStepUpMethods({ hasPassword: true, primaryEmail: 'a@b.c', primaryPhone: '+100' }, true)).toEqual([
      'password',
      'email',
      'phone',
      'reauthentication',
    ]);
  });

  it('offers nothing the user lacks', () => {
    expect(availableStepUpMethods({ hasPassword: false, primaryEmail: null, primaryPhone: null }, false)).toEqual([]);
    expect(availableStepUpMethods({ hasPassword: true, primaryEmail: null, primaryPhone: null }, false)).toEqual(['password']);
    expect(availableStepUpMethods({ hasPassword: false, primaryEmail: 'a@b.c', primaryPhone: null }, false)).toEqual(['email']);
    expect(availableStepUpMethods({ hasPassword: false, primaryEmail: null, primaryPhone: '+100' }, false)).toEqual(['phone']);
  });

  it('offers re-authentication to anyone when it is enabled', () => {
    expect(availableStepUpMethods({ hasPassword: false, primaryEmail: null, primaryPhone: null }, true)).toEqual(['reauthentication']);
  });
});
