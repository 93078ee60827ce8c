/**
 * Deeply nested JSON (issue #18, item 3): arrays or objects nested thousands deep used to overflow the stack of
 * a recursive walk (class-transformer on PATCH /me, findForbiddenKey on PATCH /me/custom-data) and answer 500.
 * Every route with a body, under every content type it documents, refuses nesting deeper than 32 with a 400
 * problem before anything else runs, and changes nothing.
 */
import { MAX_BODY_DEPTH } from '../../src/common/http/json-body.js';
import { bearer, expectProblem, grantStepUp, useEmulatorApp } from '../support/test-app.js';
import { seedRichAccount, type RichAccount } from './hardening-support.js';
import { loadOpenApi } from './openapi-arbitraries.js';

const { operations } = loadOpenApi();
const withBody = operations.filter((op) => op.bodySchema !== undefined);

/** `{"<key>":[[…1…]]}`: the object plus `arrays` levels. */
const deepArrays = (key: string, arrays: number) => `{"${key}":${'['.repeat(arrays)}1${']'.repeat(arrays)}}`;
/** `{"<key>":{"a":{"a":…1…}}}`: `objects` levels (short inner keys keep 5,000 levels under the body limit). */
const deepObjects = (key: string, objects: number) => `{"${key}":${'{"a":'.repeat(objects - 1)}1${'}'.repeat(objects)}`;

/** A concrete URL for an OpenAPI path: the account's own ids where the route names one. */
function urlFor(path: string, me: RichAccount): string {
  const ids: Record<string, string> = { sessionId: me.sessionId, grantId: me.grantId, factorId: me.totpFactorId, target: me.socialTarget };
  return path.replace(/\{([^}]+)\}/g, (_whole, name: string) => encodeURIComponent(ids[name] ?? 'x'));
}

describe('deeply nested JSON bodies', () => {
  const h = useEmulatorApp({ env: { CUSTOM_DATA_SCHEMA: 'demo/custom-data.schema.json', RATE_LIMIT_PER_IP_PER_MINUTE: '1000000' } });
  let me: RichAccount;

  beforeAll(async () => {
    me = await seedRichAccount(h.emu);
  });

  it('finds the routes with a body in openapi.yaml', () => {
    expect(withBody.length).toBeGreaterThanOrEqual(14);
  });

  const cases = withBody.flatMap((op) =>
    op.bodyContentTypes.flatMap((contentType) => [
      [`${op.method} ${op.path}`, contentType, 'arrays 1,500 deep', op] as const,
      [`${op.method} ${op.path}`, contentType, 'objects 5,000 deep', op] as const,
    ]),
  );

  it.each(cases)('%s (%s) refuses %s with 400 and changes nothing', async (_name, contentType, shape, op) => {
    const key = Object.keys((op.bodySchema?.properties ?? {}) as object)[0] ?? 'name';
    const payload = shape.startsWith('arrays') ? deepArrays(key, 1500) : deepObjects(key, 5000);
    const verificationId = await grantStepUp(h.t, me.userId);
    const before = h.emu.stateDigest();
    const res = await h.t.inject({
      method: op.method,
      url: urlFor(op.path, me),
      headers: bearer(me.token, { 'content-type': contentType, 'verification-id': verificationId }),
      payload,
    });
    expectProblem(res, 400, 'request.body_too_deep');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it(`accepts nesting up to ${MAX_BODY_DEPTH} levels and refuses one more, on PATCH /me`, async () => {
    const send = (payload: string) =>
      h.t.inject({ method: 'PATCH', url: '/me', headers: bearer(me.token, { 'content-type': 'application/json' }), payload });
    // The object is one level: 31 arrays make 32.
    const atLimit = await send(deepArrays('name', MAX_BODY_DEPTH - 1));
    expectProblem(atLimit, 400, 'request.validation_failed');
    const overLimit = await send(deepArrays('name', MAX_BODY_DEPTH));
    expectProblem(overLimit, 400, 'request.body_too_deep');
  });

  it('does not count brackets inside strings, escaped quotes included', async () => {
    const name = `[{\\"${'['.repeat(5000)}`;
    const res = await h.t.inject({
      method: 'PATCH',
      url: '/me/custom-data',
      headers: bearer(me.token, { 'content-type': 'application/json' }),
      payload: `{"preferences":{"language":"${name}"}}`,
    });
    // Too long for the schema's maxLength, but not "too deep".
    expectProblem(res, 422, 'custom_data.invalid');
  });

  it('keeps the custom-data limit of 8 below the body limit', async () => {
    const patch = (payload: string) =>
      h.t.inject({ method: 'PATCH', url: '/me/custom-data', headers: bearer(me.token, { 'content-type': 'application/merge-patch+json' }), payload });
    const before = h.emu.stateDigest();
    expectProblem(await patch(deepObjects('preferences', 9)), 400, 'custom_data.too_deep');
    expectProblem(await patch(deepObjects('preferences', MAX_BODY_DEPTH)), 400, 'custom_data.too_deep');
    expectProblem(await patch(deepObjects('preferences', 5000)), 400, 'request.body_too_deep');
    expect(h.emu.stateDigest()).toBe(before);
  });

  it('refuses a deep body before authentication, without a token', async () => {
    const res = await h.t.inject({ method: 'PATCH', url: '/me', headers: { 'content-type': 'application/json' }, payload: deepArrays('name', 1500) });
    expectProblem(res, 400, 'request.body_too_deep');
  });
});
