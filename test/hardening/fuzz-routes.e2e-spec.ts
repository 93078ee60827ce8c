/**
 * Property-based fuzzing of every route in openapi.yaml (issue #11). Each run sends one generated request as a
 * fresh, fully furnished account (password, e-mail, phone, social identity, TOTP, backup codes, session, grants)
 * with a valid token, and checks that the service
 *   - never answers 5xx,
 *   - refuses a JSON body nested deeper than 32 levels as request.body_too_deep, and only such a body (#18),
 *   - answers every 4xx with an RFC 9457 problem+json body whose `status` is the response's,
 *   - changed nothing in Logto (the emulator's state digest) when it answered 4xx.
 * A 2xx may change the account: that is the route doing its job.
 *
 * Bounded and reproducible: RUNS_PER_ROUTE runs per route with the fixed SEED. On failure fast-check prints the
 * seed, the path to the failing run and the shrunk counterexample; the thrown message names the request.
 */
import fc from 'fast-check';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { stableStringify } from '@logto-account-service/logto-emulator';
import { bearer, grantStepUp, TEST_AUDIENCE, useEmulatorApp } from '../support/test-app.js';
import { FUZZ_APP_ENV, seedRichAccount, type RichAccount } from './hardening-support.js';
import { MAX_BODY_DEPTH } from '../../src/common/http/json-body.js';
import { deepBody, headerValue, hostileJsonValue, loadOpenApi, pathSegment, queryString, rawHostileBody, valueOf, type DocumentedOperation, type Schema } from './openapi-arbitraries.js';

/** 38 routes × 30 runs ≈ 1,140 requests: about 20 s on 2 cores. */
const RUNS_PER_ROUTE = 30;
const SEED = 1_100_011;

const { operations, resolve } = loadOpenApi();

type BodyCase =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'deep'; text: string; depth: number }
  | { kind: 'bytes'; bytes: Uint8Array };

interface FuzzCase {
  /** 'own:<field>' names one of the account's ids, 'other:<field>' another account's, anything else is sent as is. */
  pathParams: string[];
  query: string;
  body: BodyCase;
  contentType: string | undefined;
  headers: Record<string, string>;
  stepUp: 'none' | 'valid' | 'garbage';
  readOnly: boolean;
}

/** Which account id a path parameter names. */
const ID_FIELD: Record<string, keyof RichAccount> = {
  sessionId: 'sessionId',
  grantId: 'grantId',
  factorId: 'totpFactorId',
  target: 'socialTarget',
};

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=latin1',
  'application/octet-stream',
  '',
];

function bodyCase(op: DocumentedOperation): fc.Arbitrary<BodyCase> {
  const none = fc.constant<BodyCase>({ kind: 'none' });
  const bytes = fc.uint8Array({ minLength: 1, maxLength: 256 }).map((b): BodyCase => ({ kind: 'bytes', bytes: b }));
  const anyJson = hostileJsonValue.map((value): BodyCase => ({ kind: 'json', value }));
  const schema = op.bodySchema;
  const names = Object.keys((schema?.properties ?? {}) as Record<string, Schema>);
  const raw = rawHostileBody(names).map((text): BodyCase => ({ kind: 'raw', text }));
  if (!schema) return fc.oneof({ arbitrary: none, weight: 6 }, anyJson, raw, bytes);
  const valid = valueOf(schema, resolve).map((value): BodyCase => ({ kind: 'json', value }));
  const deep = deepBody(names).map((body): BodyCase => ({ kind: 'deep', ...body }));
  // One documented property set to a value of the wrong kind.
  const mutated =
    names.length === 0
      ? anyJson
      : fc.tuple(valueOf(schema, resolve), fc.constantFrom(...names), hostileJsonValue).map(([value, name, wrong]): BodyCase => ({
          kind: 'json',
          value: { ...(value as Record<string, unknown>), [name]: wrong },
        }));
  return fc.oneof(
    { arbitrary: valid, weight: 4 },
    { arbitrary: mutated, weight: 3 },
    { arbitrary: anyJson, weight: 1 },
    { arbitrary: raw, weight: 3 },
    { arbitrary: deep, weight: 2 },
    bytes,
    none,
  );
}

function fuzzCase(op: DocumentedOperation): fc.Arbitrary<FuzzCase> {
  const pathParam = (name: string) => {
    const field = ID_FIELD[name];
    const named = field ? [fc.constant(`own:${field}`), fc.constant(`other:${field}`)] : [];
    return fc.oneof(...named, ...named, pathSegment);
  };
  const optionalHeaders = fc.record(
    {
      'idempotency-key': fc.oneof(fc.uuid(), headerValue),
      'if-match': headerValue,
      'if-none-match': headerValue,
      accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/problem+json', 'image/png'),
      'x-request-id': headerValue,
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
      'accept-language': headerValue,
    },
    { requiredKeys: [] },
  );
  return fc.record({
    pathParams: fc.tuple(...op.pathParams.map(pathParam)),
    query: queryString(op.queryParams, resolve),
    body: bodyCase(op),
    // Mostly the documented type, so the runs reach validation and the services; sometimes none or a wrong one.
    contentType: fc.oneof(
      { arbitrary: fc.constantFrom(...(op.bodyContentTypes.length > 0 ? op.bodyContentTypes : ['application/json'])), weight: 6 },
      { arbitrary: fc.constant(undefined), weight: 2 },
      { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
    ),
    // Half the runs without extra headers: a garbage Idempotency-Key or If-Match alone decides the answer.
    headers: fc.oneof(fc.constant({}), optionalHeaders),
    stepUp: fc.constantFrom<FuzzCase['stepUp']>('none', 'valid', 'valid', 'valid', 'garbage'),
    // One run in ten with a read-only token: writes must then be refused before anything happens.
    readOnly: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  });
}

/** The parts of EmulatorState that `stateDigest()` hashes (passwordPolicy aside, which no route changes). */
const DIGESTED = new Set([
  'users', 'roles', 'userRoles', 'mfaVerifications', 'applications', 'sessions', 'grants', 'organizations', 'organizationRoles',
  'organizationMemberships', 'connectors', 'verificationCodes',
]);

/** Each part of the emulator's state as JSON, to name what a rejected request changed. */
function stateSections(emu: LogtoEmulator): Record<string, string> {
  const sections: Record<string, string> = {};
  for (const [name, value] of Object.entries(emu.state)) {
    if (!DIGESTED.has(name) || !(value instanceof Map)) continue;
    sections[name] = stableStringify(
      [...value.entries()].map(([key, entry]) => {
        if (entry instanceof Set) return [key, [...entry]];
        // Logto counts every wrong try of a pending code, whoever asks (10 and the code is dead): a wrong code
        // sent to PUT /me/email is a 422 that Logto has rightly counted. Not a change the service could avoid.
        if (name === 'verificationCodes') return [key, { ...(entry as object), failedAttempts: undefined }];
        return [key, entry];
      }),
    );
  }
  return sections;
}

function changedSections(before: Record<string, string>, after: Record<string, string>): string {
  return Object.keys(after)
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${(before[name] ?? '').slice(0, 400)} → ${(after[name] ?? '').slice(0, 400)}`)
    .join('; ');
}

/** A hang is a failure too; far above any answer the emulator (local, no faults) should need. */
async function answerOrHang<T>(pending: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within 10 s: ${what}`)), 10_000);
  });
  try {
    return await Promise.race([pending, hung]);
  } finally {
    clearTimeout(timer);
  }
}

describe('fuzzing every documented route (fast-check)', () => {
  const h = useEmulatorApp({ env: FUZZ_APP_ENV });
  let other: RichAccount;
  const seeded: string[] = [];

  beforeAll(async () => {
    other = await seedRichAccount(h.emu);
  });

  it('covers every route of openapi.yaml', () => {
    expect(operations.length).toBeGreaterThanOrEqual(38);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (_name, op) => {
    await fc.assert(
      fc.asyncProperty(fuzzCase(op), async (c) => {
        const me = await seedRichAccount(h.emu);
        seeded.push(me.userId);
        const token = c.readOnly ? await h.emu.mintUserToken({ sub: me.userId, scopes: ['account:read'], audience: TEST_AUDIENCE }) : me.token;
        const headers: Record<string, string> = { ...c.headers };
        if (c.stepUp === 'valid') headers['verification-id'] = await grantStepUp(h.t, me.userId);
        if (c.stepUp === 'garbage') headers['verification-id'] = 'x'.repeat(43);
        if (c.contentType !== undefined) headers['content-type'] = c.contentType;
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => {
          const choice = c.pathParams[i++] ?? '';
          const [owner, field] = choice.split(':') as [string, keyof RichAccount];
          if (owner === 'own') return encodeURIComponent(String(me[field]));
          if (owner === 'other') return encodeURIComponent(String(other[field]));
          return choice;
        });
        const url = c.query ? `${path}?${c.query}` : path;
        const payload =
          c.body.kind === 'none'
            ? undefined
            : c.body.kind === 'json'
              ? JSON.stringify(c.body.value)
              : c.body.kind === 'raw' || c.body.kind === 'deep'
                ? c.body.text
                : Buffer.from(c.body.bytes);
        // A content type without a body is sent only when there is one: the runs without a body test the route.
        if (payload === undefined) delete headers['content-type'];

        const before = h.emu.stateDigest();
        const sectionsBefore = stateSections(h.emu);
        const res = await answerOrHang(h.t.inject({ method: op.method, url, headers: bearer(token, headers), payload }), `${op.method} ${url}`);
        const where = `${op.method} ${url} (${headers['content-type'] ?? 'no content-type'}) → ${res.statusCode} ${res.body.slice(0, 300)}`;

        if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
        if (c.body.kind === 'deep') {
          // A JSON type the route accepts reaches the body parser, which refuses too deep a body before anything else.
          const mediaType = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
          const parsed = mediaType === 'application/json' || (mediaType !== '' && op.bodyContentTypes.includes(mediaType));
          const tooDeep = res.statusCode === 400 && (JSON.parse(res.body) as { code?: string }).code === 'request.body_too_deep';
          if (parsed && c.body.depth > MAX_BODY_DEPTH && !tooDeep) throw new Error(`a body ${c.body.depth} deep was not refused as too deep: ${where}`);
          if (c.body.depth <= MAX_BODY_DEPTH && tooDeep) throw new Error(`a body ${c.body.depth} deep was refused as too deep: ${where}`);
        }
        if (res.statusCode >= 400) {
          if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`4xx without problem+json: ${where}`);
          const problem = JSON.parse(res.body) as Record<string, unknown>;
          if (problem.status !== res.statusCode || typeof problem.code !== 'string' || typeof problem.type !== 'string') {
            throw new Error(`malformed problem: ${where}`);
          }
          if (h.emu.stateDigest() !== before) {
            const changed = changedSections(sectionsBefore, stateSections(h.emu));
            if (changed !== '') throw new Error(`rejected request changed Logto's state (${changed}): ${where}`);
          }
        }
      }).afterEach(() => {
        // Keeps the emulator small: its state digest hashes every user, once per run.
        for (const userId of seeded.splice(0)) h.emu.state.deleteUser(userId);
      }),
      { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: false },
    );
  }, 120_000);
});
