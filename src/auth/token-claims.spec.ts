import { clientAllowed, clientIdOf, lifetimeProblem, scopesOf, stillValid, subjectProblem } from './token-claims.js';

describe('subjectProblem', () => {
  it.each(['abc123def456', 'a', 'A-b_C', 'x'.repeat(64)])('accepts the user id %j', (sub) => {
    expect(subjectProblem(sub)).toBeUndefined();
  });

  it.each([undefined, 42, ''])('refuses a missing subject (%j)', (sub) => {
    expect(subjectProblem(sub)).toBe('The access token has no subject.');
  });

  it.each(['..', 'a/b', 'a.b', 'a%2f', 'a?b', 'a#b', 'a b', 'x'.repeat(65), 'é', ' a', 'a\n'])(
    'refuses %j, which is not a safe user id',
    (sub) => {
      expect(subjectProblem(sub)).toBe('The access token\'s subject is not a Logto user id.');
    },
  );
});

describe('lifetimeProblem', () => {
  const limits = { clockToleranceSeconds: 5, maxTokenAgeSeconds: 3600 };
  const now = 1_000_000;

  it('accepts a token issued now that lives exactly the maximum', () => {
    expect(lifetimeProblem({ iat: now, exp: now + 3600 }, now, limits)).toBeUndefined();
  });

  it('refuses a token one second longer than the maximum', () => {
    expect(lifetimeProblem({ iat: now, exp: now + 3601 }, now, limits)).toBe('The access token lives longer than this service accepts.');
  });

  it('accepts an iat up to the clock tolerance in the future, and refuses one beyond it', () => {
    expect(lifetimeProblem({ iat: now + 5, exp: now + 60 }, now, limits)).toBeUndefined();
    expect(lifetimeProblem({ iat: now + 6, exp: now + 60 }, now, limits)).toBe('The access token was issued in the future.');
  });

  it('measures the lifetime from iat, not from now', () => {
    // Issued an hour ago for two hours: 7200 s of lifetime although only 3600 s are left.
    expect(lifetimeProblem({ iat: now - 3600, exp: now + 3600 }, now, limits)).toBe('The access token lives longer than this service accepts.');
    // Issued long ago for a short while: only iat to exp counts.
    expect(lifetimeProblem({ iat: now - 100_000, exp: now - 100_000 + 3600 }, now, limits)).toBeUndefined();
  });

  it('without iat, counts what is left of the token\'s life', () => {
    expect(lifetimeProblem({ exp: now + 3600 }, now, limits)).toBeUndefined();
    expect(lifetimeProblem({ exp: now + 3601 }, now, limits)).toBe('The access token lives longer than this service accepts.');
  });
});

describe('client id', () => {
  it('reads a string client_id only', () => {
    expect(clientIdOf({ client_id: 'app1' })).toBe('app1');
    expect(clientIdOf({ client_id: 7 })).toBeUndefined();
    expect(clientIdOf({})).toBeUndefined();
  });

  it('allows every client, even none, when no allow-list is set', () => {
    expect(clientAllowed('any', undefined)).toBe(true);
    expect(clientAllowed(undefined, undefined)).toBe(true);
  });

  it('allows only listed clients when an allow-list is set, and never a token without client_id', () => {
    const allowed = new Set(['app1']);
    expect(clientAllowed('app1', allowed)).toBe(true);
    expect(clientAllowed('app2', allowed)).toBe(false);
    expect(clientAllowed(undefined, allowed)).toBe(false);
    expect(clientAllowed(undefined, new Set(['undefined']))).toBe(false);
  });
});

describe('scopesOf', () => {
  it('splits the scope claim on spaces and drops empty entries', () => {
    expect([...scopesOf({ scope: 'a  b c' })]).toEqual(['a', 'b', 'c']);
    expect([...scopesOf({ scope: '' })]).toEqual([]);
  });

  it('has no scopes when the claim is absent or not a string', () => {
    expect(scopesOf({}).size).toBe(0);
    expect(scopesOf({ scope: ['a'] }).size).toBe(0);
  });
});

describe('stillValid (verified-token cache)', () => {
  it('serves a cached token until exp plus the tolerance, not at or after it', () => {
    expect(stillValid(1000, 1004.9, 5)).toBe(true);
    expect(stillValid(1000, 1005, 5)).toBe(false);
    expect(stillValid(1000, 1006, 5)).toBe(false);
    expect(stillValid(1000, 999, 0)).toBe(true);
  });
});
