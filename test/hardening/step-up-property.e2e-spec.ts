/**
 * The converse of the route fuzz (fuzz-routes.e2e-spec.ts, which flags requests refused wrongly): for every route
 * openapi.yaml marks as step-up (a `Verification-Id` header with `required: true`), a request as the account's
 * own user, with a valid write token, but without a valid Verification-Id, must be refused and change nothing
 * in Logto, whatever the body. "Without a valid Verification-Id" is: none, garbage, another user's verified
 * record, the user's own record past its expiry (still in the store, so only the expiry check can refuse it),
 * the user's own record still pending, or one from before the user's last revocation.
 *
 * Refused means 403 `verification.required` for a well-formed body (one the route would act on with a valid
 * record: WELL_FORMED); any other body may be refused earlier by validation (400, 404, 410, 413, 415, 422), but
 * never accepted, and a 403 is then still `verification.required`.
 *
 * Bounded and reproducible: RUNS_PER_ROUTE runs per route with the fixed SEED.
 */
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Clock } from '../../src/common/clock.js';
import { SharedStore } from '../../src/store/shared-store.js';
import { verificationEpochKey, verificationKey, type VerificationRecord } from '../../src/verification/verification-record.js';
import { bearer, grantStepUp, useEmulatorApp, type TestApp } from '../support/test-app.js';
import { FUZZ_APP_ENV, seedRichAccount, type RichAccount } from './hardening-support.js';
import { headerValue, hostileJsonValue, loadOpenApi, rawHostileBody, valueOf, type DocumentedOperation, type Schema } from './openapi-arbitraries.js';

const RUNS_PER_ROUTE = 20;
const SEED = 2_300_023;

const { operations, resolve } = loadOpenApi();
const document = parse(readFileSync('openapi.yaml', 'utf8')) as { paths: Record<string, Record<string, { parameters?: unknown[] }>> };
/** Marked step-up: the `Verification-Id` header parameter with `required: true` (DocumentedOperation keeps header names only). */
const stepUpOperations = operations.filter((op) => {
  const raw = (document.paths[op.path]?.[op.method.toLowerCase()]?.parameters ?? []) as Array<{ name: string; in: string; required?: boolean }>;
  return raw.some((p) => p.in === 'header' && p.name.toLowerCase() === 'verification-id' && p.required === true);
});

/** Which of the account's ids a path parameter names. */
const OWN_ID: Record<string, keyof RichAccount> = { target: 'socialTarget', factorId: 'totpFactorId', sessionId: 'sessionId', grantId: 'grantId' };

type Invalid = 'none' | 'garbage' | 'foreign' | 'expired' | 'pending' | 'revoked';
const INVALID: Invalid[] = ['none', 'garbage', 'foreign', 'expired', 'pending', 'revoked'];

type BodyCase = { kind: 'none' } | { kind: 'well-formed' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

interface Case {
  invalid: Invalid;
  garbage: string;
  body: BodyCase;
}

/**
 * A body each route acts on when the Verification-Id is valid: with these, nothing but the step-up can refuse
 * the request. PATCH /me asks for step-up only when the username changes (ProfileService), though the document
 * marks the header required for the whole route: its well-formed body changes the username.
 */
const WELL_FORMED: Record<string, (me: RichAccount) => unknown> = {
  'PATCH /me': () => ({ username: `changed_${randomBytes(4).toString('hex')}`, name: 'Changed' }),
  'PUT /me/email': () => ({ email: `new.${randomBytes(4).toString('hex')}@example.com`, code: '123456' }),
  // Its answer tells whether another account holds the address: step-up comes first (issue 18, item 6).
  'POST /me/email/verification-code': () => ({ email: `new.${randomBytes(4).toString('hex')}@example.com` }),
  'POST /me/phone/verification-code': () => ({ phone: '+15550199998' }),
  'PUT /me/phone': () => ({ phone: '+15550199999', code: '123456' }),
  'PUT /me/password': () => ({ password: 'An0ther-Long-Passw0rd!' }),
  'POST /me/mfa/backup-codes': () => undefined,
};

function bodyCase(op: DocumentedOperation): fc.Arbitrary<BodyCase> {
  const schema = op.bodySchema;
  const names = Object.keys((schema?.properties ?? {}) as Record<string, Schema>);
  const none = fc.constant<BodyCase>({ kind: 'none' });
  const wellFormed = fc.constant<BodyCase>({ kind: 'well-formed' });
  const anyJson = hostileJsonValue.map((value): BodyCase => ({ kind: 'json', value }));
  const raw = rawHostileBody(names).map((text): BodyCase => ({ kind: 'raw', text }));
  const documented = schema ? [valueOf(schema, resolve).map((value): BodyCase => ({ kind: 'json', value }))] : [];
  const hasWellFormed = WELL_FORMED[`${op.method} ${op.path}`] !== undefined || !schema;
  if (`${op.method} ${op.path}` === 'PATCH /me') {
    // Only a username change needs the step-up here: every body changes it, whatever else it holds.
    const withUsername = [...documented, anyJson].map((arbitrary) =>
      arbitrary.map((c): BodyCase => (c.kind === 'json' ? { kind: 'json', value: { ...(isObject(c.value) ? c.value : {}), username: `changed_${randomBytes(4).toString('hex')}` } } : c)),
    );
    return fc.oneof({ arbitrary: wellFormed, weight: 5 }, ...withUsername, ...withUsername);
  }
  return fc.oneof(...(hasWellFormed ? [{ arbitrary: wellFormed, weight: 5 }] : []), ...documented, ...documented, anyJson, raw, none);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const caseOf = (op: DocumentedOperation): fc.Arbitrary<Case> =>
  fc.record({
    invalid: fc.constantFrom(...INVALID),
    garbage: fc.oneof(fc.constant(randomBytes(32).toString('base64url')), headerValue, fc.stringMatching(/^[A-Za-z0-9_-]{22,64}$/)),
    body: bodyCase(op),
  });

/** A record put straight into the store, as the verification routes would leave it, with what the case needs. */
async function storeRecord(t: TestApp, userId: string, changes: Partial<VerificationRecord>, ttlMs = 600_000): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  const now = t.app.get(Clock).now();
  const store = t.app.get(SharedStore);
  const epoch = await store.get<string>(verificationEpochKey(userId));
  const record: VerificationRecord = { id, userId, method: 'password', status: 'verified', createdAt: now, expiresAt: now + 600_000, failedAttempts: 0, epoch, ...changes };
  await store.set(verificationKey(id), record, ttlMs);
  return id;
}

describe('step-up routes refuse every request without a valid Verification-Id, whatever the body (fast-check)', () => {
  const h = useEmulatorApp({ env: FUZZ_APP_ENV });
  let other: RichAccount;
  const seeded: string[] = [];

  beforeAll(async () => {
    other = await seedRichAccount(h.emu);
  });

  it('finds the step-up routes in openapi.yaml', () => {
    expect(stepUpOperations.map((op) => `${op.method} ${op.path}`).sort()).toEqual(
      [
        'DELETE /me',
        'DELETE /me/email',
        'DELETE /me/identities/social/{target}',
        'DELETE /me/mfa/{factorId}',
        'DELETE /me/phone',
        'DELETE /me/sessions',
        'PATCH /me',
        'POST /me/email/verification-code',
        'POST /me/identities/social',
        'POST /me/mfa/backup-codes',
        'POST /me/mfa/totp',
        'POST /me/phone/verification-code',
        'PUT /me/email',
        'PUT /me/password',
        'PUT /me/phone',
      ].sort(),
    );
  });

  async function verificationIdFor(c: Case, me: RichAccount): Promise<string | undefined> {
    switch (c.invalid) {
      case 'none':
        return undefined;
      case 'garbage':
        return c.garbage;
      case 'foreign':
        return grantStepUp(h.t, other.userId);
      case 'expired': {
        // Past its expiry by the app's clock, yet still held by the store: only the expiry check can refuse it.
        const now = h.t.app.get(Clock).now();
        return storeRecord(h.t, me.userId, { createdAt: now - 600_001, expiresAt: now - 1 });
      }
      case 'pending':
        return storeRecord(h.t, me.userId, { status: 'pending' });
      case 'revoked':
        return storeRecord(h.t, me.userId, { epoch: 'an-epoch-before-the-last-revocation' }).then(async (id) => {
          await h.t.app.get(SharedStore).set(verificationEpochKey(me.userId), 'the-current-epoch', 1_260_000);
          return id;
        });
    }
  }

  it.each(stepUpOperations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (name, op) => {
    await fc.assert(
      fc.asyncProperty(caseOf(op), async (c) => {
        const me = await seedRichAccount(h.emu);
        seeded.push(me.userId);
        const headers: Record<string, string> = {};
        const verificationId = await verificationIdFor(c, me);
        if (verificationId !== undefined) headers['verification-id'] = verificationId;
        // The account's own ids, so nothing but the step-up stands between the request and the change.
        const path = op.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
          const field = OWN_ID[name];
          if (field === undefined) throw new Error(`${name}: no id of the account for the path parameter ${whole}`);
          return encodeURIComponent(String(me[field]));
        });
        const body = c.body;
        const wellFormed = body.kind === 'well-formed' ? WELL_FORMED[name]?.(me) : undefined;
        const payload =
          body.kind === 'none' ? undefined : body.kind === 'raw' ? body.text : body.kind === 'json' ? JSON.stringify(body.value) : wellFormed === undefined ? undefined : JSON.stringify(wellFormed);
        if (payload !== undefined) headers['content-type'] = op.bodyContentTypes[0] ?? 'application/json';

        const before = h.emu.stateDigest();
        const res = await h.t.inject({ method: op.method, url: path, headers: bearer(me.token, headers), payload });
        const where = `${name} (${c.invalid} Verification-Id ${JSON.stringify(verificationId ?? null).slice(0, 60)}, body ${String(payload).slice(0, 200)}) → ${res.statusCode} ${res.body.slice(0, 300)}`;

        if (h.emu.stateDigest() !== before) throw new Error(`changed Logto's state: ${where}`);
        if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`not refused with a problem: ${where}`);
        const problem = JSON.parse(res.body) as { status?: number; code?: string };
        if (body.kind === 'well-formed') {
          if (res.statusCode !== 403 || problem.code !== 'verification.required') throw new Error(`not refused with 403 verification.required: ${where}`);
        } else if (![400, 403, 404, 410, 413, 415, 422].includes(res.statusCode) || problem.status !== res.statusCode) {
          throw new Error(`not refused with a client error: ${where}`);
        } else if (res.statusCode === 403 && problem.code !== 'verification.required') {
          throw new Error(`refused for another reason than the step-up: ${where}`);
        }
      }).afterEach(() => {
        for (const userId of seeded.splice(0)) h.emu.state.deleteUser(userId);
      }),
      { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true },
    );
  }, 120_000);
});
