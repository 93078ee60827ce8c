import { beforeCall, isMutatingMethod, onArrival, refusalOf, shareFreshActive, statusOfUser, type CallCheck } from './account-status-rules.js';

describe('account status rules', () => {
  describe('isMutatingMethod', () => {
    it('treats GET and HEAD as reads and every other method as a change', () => {
      expect(['GET', 'HEAD'].map(isMutatingMethod)).toEqual([false, false]);
      expect(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'get'].map(isMutatingMethod)).toEqual([true, true, true, true, true, true]);
    });
  });

  describe('onArrival', () => {
    it.each([
      ['suspended', false, 'refuse'],
      ['deleted', false, 'refuse'],
      ['suspended', true, 'read-now'],
      ['deleted', true, 'read-now'],
      [undefined, false, 'prefetch'],
      ['active', false, 'trust'],
      [undefined, true, 'at-first-call'],
      ['active', true, 'at-first-call'],
    ] as const)('cached %p, mutating %p: %p', (cached, mutating, decision) => {
      expect(onArrival(cached, mutating)).toBe(decision);
    });
  });

  describe('statusOfUser', () => {
    it('suspends only on isSuspended: true', () => {
      expect(statusOfUser({ isSuspended: true })).toBe('suspended');
      expect(statusOfUser({ isSuspended: false })).toBe('active');
      expect(statusOfUser({} as { isSuspended: boolean })).toBe('active');
    });
  });

  describe('shareFreshActive', () => {
    it('shares nothing when the cache already said active', () => {
      expect(shareFreshActive('active')).toEqual({ share: false });
    });
    it('overwrites a cached suspension or deletion (the account was reinstated)', () => {
      expect(shareFreshActive('suspended')).toEqual({ share: true, overwrite: true });
      expect(shareFreshActive('deleted')).toEqual({ share: true, overwrite: true });
    });
    it('with nothing cached, keeps what a webhook may have recorded meanwhile', () => {
      expect(shareFreshActive(undefined)).toEqual({ share: true, overwrite: false });
    });
  });

  describe('beforeCall', () => {
    const check = (over: Partial<CallCheck> = {}): CallCheck => ({ userId: 'u1', mutating: true, checked: false, refused: false, ...over });

    it('refuses every call once the check has refused, the caller’s own read included', () => {
      expect(beforeCall(check({ refused: true }), 'getUser', ['u1'])).toBe('refuse');
      expect(beforeCall(check({ refused: true, mutating: false, checked: true }), 'listSessions', ['u1'])).toBe('refuse');
    });
    it('watches a read of the caller’s own user', () => {
      expect(beforeCall(check(), 'getUser', ['u1'])).toBe('read-caller');
      expect(beforeCall(check({ mutating: false, checked: true }), 'getUser', ['u1'])).toBe('read-caller');
    });
    it('makes an unchecked write wait for a fresh read, also for a read of another user', () => {
      expect(beforeCall(check(), 'updateUser', ['u1', {}])).toBe('check-first');
      expect(beforeCall(check(), 'getUser', ['u2'])).toBe('check-first');
      expect(beforeCall(check(), 'getUserPassword', ['u1'])).toBe('check-first');
    });
    it('lets the fresh read answer a write’s first read of the caller’s custom data, and only that', () => {
      expect(beforeCall(check(), 'getCustomData', ['u1'])).toBe('read-caller-custom-data');
      expect(beforeCall(check({ checking: true }), 'getCustomData', ['u1'])).toBe('check-first');
      expect(beforeCall(check(), 'getCustomData', ['u2'])).toBe('check-first');
      expect(beforeCall(check({ checked: true }), 'getCustomData', ['u1'])).toBe('call');
      expect(beforeCall(check({ mutating: false }), 'getCustomData', ['u1'])).toBe('call');
    });
    it('lets the calls of a checked write and of a read go ahead', () => {
      expect(beforeCall(check({ checked: true }), 'updateUser', ['u1', {}])).toBe('call');
      expect(beforeCall(check({ mutating: false }), 'listSessions', ['u1'])).toBe('call');
    });
  });

  describe('refusalOf', () => {
    it('answers a suspension with account.suspended and a deletion with account.not_found', () => {
      expect(refusalOf('suspended')).toEqual({ code: 'account.suspended', detail: expect.stringContaining('suspended') });
      expect(refusalOf('deleted')).toEqual({ code: 'account.not_found', detail: expect.stringContaining('no longer exists') });
    });
  });
});
