import {
  attemptsLeft,
  CODE_FAILURE_LIMIT,
  isBurnedRecord,
  isLockedOut,
  lockoutRetryAfter,
  locksCodeEntryNow,
  PASSWORD_FAILURE_LIMIT,
  PASSWORD_FAILURE_WINDOW_MS,
  WRONG_CODE_LIMIT,
  WRONG_CODE_WINDOW_MS,
  wrongCodeOnRecord,
} from './lockout-rules.js';

describe('lockout rules', () => {
  it('has the documented limits and windows (README "Step-up verification")', () => {
    expect({ PASSWORD_FAILURE_LIMIT, PASSWORD_FAILURE_WINDOW_MS, CODE_FAILURE_LIMIT, WRONG_CODE_LIMIT, WRONG_CODE_WINDOW_MS }).toEqual({
      PASSWORD_FAILURE_LIMIT: 5,
      PASSWORD_FAILURE_WINDOW_MS: 900_000,
      CODE_FAILURE_LIMIT: 5,
      WRONG_CODE_LIMIT: 10,
      WRONG_CODE_WINDOW_MS: 3_600_000,
    });
  });

  describe('isLockedOut', () => {
    it.each([
      [undefined, false],
      [0, false],
      [4, false],
      [5, true],
      [6, true],
    ])('a counter at %p of a limit of 5 is locked: %p', (failures, locked) => {
      expect(isLockedOut(failures, 5)).toBe(locked);
    });
  });

  describe('attemptsLeft', () => {
    it.each([
      [0, 5, 5],
      [1, 5, 4],
      [4, 5, 1],
      [5, 5, 0],
      [7, 5, 0],
    ])('a counter at %p of %p leaves %p', (count, limit, left) => {
      expect(attemptsLeft(count, limit)).toBe(left);
    });
  });

  describe('lockoutRetryAfter', () => {
    it.each([
      [120_000, '120'],
      [1_500, '2'],
      [1_001, '2'],
      [1_000, '1'],
      [999, '1'],
      [1, '1'],
      [0, '1'],
      [-5_000, '1'],
    ])('%p ms left answers Retry-After %p', (remainingMs, header) => {
      expect(lockoutRetryAfter(remainingMs, 900_000)).toBe(header);
    });

    it('falls back to the whole window when the store cannot tell the counter’s lifetime', () => {
      expect(lockoutRetryAfter(undefined, 900_000)).toBe('900');
      expect(lockoutRetryAfter(undefined, 3_600_000)).toBe('3600');
    });
  });

  describe('locksCodeEntryNow', () => {
    it('reports the lockout once: at the wrong code that reaches the limit, not before nor after', () => {
      expect([1, 9, 10, 11, 20].map(locksCodeEntryNow)).toEqual([false, false, true, false, false]);
    });
  });

  describe('isBurnedRecord', () => {
    it('burns a record at five wrong codes', () => {
      expect([0, 4, 5, 6].map(isBurnedRecord)).toEqual([false, false, true, true]);
    });
  });

  describe('wrongCodeOnRecord', () => {
    it('counts one more wrong code and keeps the record while it has tries left', () => {
      expect(wrongCodeOnRecord(0, 10)).toEqual({ failedAttempts: 1, burned: false, remainingAttempts: 4 });
      expect(wrongCodeOnRecord(3, 10)).toEqual({ failedAttempts: 4, burned: false, remainingAttempts: 1 });
    });

    it('burns the record at its fifth wrong code, with no tries left', () => {
      expect(wrongCodeOnRecord(4, 10)).toEqual({ failedAttempts: 5, burned: true, remainingAttempts: 0 });
    });

    it("tells the lower of the record's and the user's tries left", () => {
      expect(wrongCodeOnRecord(0, 2)).toEqual({ failedAttempts: 1, burned: false, remainingAttempts: 2 });
      expect(wrongCodeOnRecord(1, 0)).toEqual({ failedAttempts: 2, burned: false, remainingAttempts: 0 });
      expect(wrongCodeOnRecord(2, 3)).toEqual({ failedAttempts: 3, burned: false, remainingAttempts: 2 });
    });
  });
});
