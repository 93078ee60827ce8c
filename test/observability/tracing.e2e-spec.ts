import { randomBytes } from 'node:crypto';
import { startTracing, type TracingHandle } from '../../src/observability/tracing.js';
import { bearer, tokenFor, type TestApp, useEmulatorApp } from '../support/test-app.js';
import { useRedisInstances } from '../support/redis-server.js';
import { OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';

const SERVER = 2;
const CLIENT = 3;
const PASSWORD = 'Tracing-Secret-42';
const EMAIL = 'traced.user@example.com';
const OTEL_ENV = {
  OTEL_EXPORTER_OTLP_ENDPOINT: '',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  // The SDK's own diagnostics would go to the console.
  OTEL_LOG_LEVEL: 'error',
};

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('OpenTelemetry traces (OTLP/HTTP JSON to a local receiver)', () => {
  let receiver: OtlpReceiver;
  let tracing: TracingHandle | undefined;
  let userId: string;
  let token: string;
  const savedEnv: Record<string, string | undefined> = {};

  // Tracing starts before the app and shuts down after it: hooks run in the order they are declared.
  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    for (const [name, value] of Object.entries({ ...OTEL_ENV, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint })) {
      savedEnv[name] = process.env[name];
      process.env[name] = value;
    }
    tracing = await startTracing();
  });
  const h = useEmulatorApp();
  beforeAll(async () => {
    userId = h.emu.seedUser({ username: 'traced_user', primaryEmail: EMAIL, password: PASSWORD }).id;
    token = await tokenFor(h.emu, userId);
  });

  afterAll(async () => {
    await tracing?.shutdown();
    await receiver?.close();
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  const userRequests = () => h.emu.requests.filter((r) => r.url.startsWith(`/api/users/${userId}`) && !r.url.includes('/password'));

  const exported = async (): Promise<ReceivedSpan[]> => {
    await tracing!.flush();
    return receiver.spans;
  };

  it('starts only because OTEL_EXPORTER_OTLP_ENDPOINT names an exporter', () => {
    expect(tracing).toBeDefined();
  });

  it('continues an incoming traceparent: Logto sees the same trace id with another parent span id', async () => {
    const traceId = hex(16);
    const parentId = hex(8);
    const res = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token, { traceparent: `00-${traceId}-${parentId}-01`, 'x-request-id': 'traced-1' }) });
    expect(res.statusCode).toBe(200);

    const forwarded = userRequests().at(-1);
    expect(forwarded?.headers['x-request-id']).toBe('traced-1');
    const match = TRACEPARENT.exec(forwarded?.headers.traceparent ?? '');
    expect(match?.[1]).toBe(traceId);
    expect(match?.[2]).not.toBe(parentId);
    // The token request and the JWKS fetch of this first request carry it as well.
    for (const path of ['/oidc/token', '/oidc/jwks']) {
      expect(TRACEPARENT.exec(h.emu.requests.find((r) => r.url.startsWith(path))?.headers.traceparent ?? '')?.[1]).toBe(traceId);
    }

    // Every log line of the request carries the trace id: the request line and, on this first request, the
    // M2M token line written inside the token request's span.
    const lines = h.t.logLines().filter((line) => line.requestId === 'traced-1');
    expect(lines.map((line) => line.msg)).toEqual(expect.arrayContaining(['M2M token obtained', 'request']));
    for (const line of lines) {
      expect(line.trace_id).toBe(traceId);
      expect(line.span_id).toMatch(/^[0-9a-f]{16}$/);
    }
    const spans = await exported();
    const server = spans.find((s) => s.traceId === traceId && s.kind === SERVER);
    expect(server?.parentSpanId).toBe(parentId);
    expect(lines.find((line) => line.msg === 'request')?.span_id).toBe(server?.spanId);
  });

  it('GET /me: a server span and a child span for the Logto call, in the same trace', async () => {
    const res = await h.t.inject({ method: 'GET', url: '/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const requestId = String(res.headers['x-request-id']);
    const forwarded = TRACEPARENT.exec(userRequests().at(-1)?.headers.traceparent ?? '');
    expect(forwarded).not.toBeNull();

    const spans = await exported();
    const server = spans.find((s) => s.traceId === forwarded![1] && s.kind === SERVER);
    expect(server).toMatchObject({
      name: 'GET /me',
      attributes: { 'http.request.method': 'GET', 'http.route': '/me', 'http.response.status_code': 200, 'user.id': userId },
      resource: { 'service.name': 'logto-account-service' },
    });
    expect(server?.parentSpanId).toBeUndefined();
    const client = spans.find((s) => s.traceId === server!.traceId && s.name === 'logto getUser');
    expect(client).toMatchObject({
      kind: CLIENT,
      parentSpanId: server!.spanId,
      attributes: { 'logto.operation': 'getUser', 'http.request.method': 'GET', 'http.response.status_code': 200 },
    });
    // The traceparent Logto received names the client span.
    expect(forwarded![2]).toBe(client!.spanId);

    const lines = h.t.logLines().filter((line) => line.requestId === requestId);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.trace_id).toBe(server!.traceId);
  });

  it('names server spans by route template and records no ids from the path', async () => {
    const verificationId = randomBytes(32).toString('base64url');
    const res = await h.t.inject({
      method: 'POST',
      url: `/me/verifications/${verificationId}/verify`,
      headers: bearer(token),
      payload: { code: '123456' },
    });
    expect(res.statusCode).toBe(410);
    const spans = await exported();
    const server = spans.find((s) => s.kind === SERVER && s.attributes['http.response.status_code'] === 410);
    expect(server?.name).toBe('POST /me/verifications/{verificationId}/verify');
    expect(JSON.stringify(spans)).not.toContain(verificationId);
  });

  it('puts no token, password, code or personal data other than the user id into spans', async () => {
    const wrong = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(token), payload: { password: 'not-it' } });
    expect(wrong.statusCode).toBe(422);
    const right = await h.t.inject({ method: 'POST', url: '/me/verifications/password', headers: bearer(token), payload: { password: PASSWORD } });
    expect(right.statusCode).toBe(201);
    const verificationId = (right.json() as { verificationId: string }).verificationId;
    const sent = await h.t.inject({ method: 'POST', url: '/me/verifications/code', headers: bearer(token), payload: { channel: 'email' } });
    expect(sent.statusCode).toBe(201);
    const code = h.emu.lastCode(EMAIL);
    const codeRecord = (sent.json() as { verificationId: string }).verificationId;
    expect(
      (await h.t.inject({ method: 'POST', url: `/me/verifications/${codeRecord}/verify`, headers: bearer(token), payload: { code } })).statusCode,
    ).toBe(200);

    const spans = await exported();
    expect(spans.some((s) => s.name === 'logto verifyPassword')).toBe(true);
    expect(spans.some((s) => s.name === 'logto verifyVerificationCode')).toBe(true);
    const everything = JSON.stringify(spans);
    for (const secret of [token, PASSWORD, 'not-it', verificationId, codeRecord, code, EMAIL, h.emu.m2mAppSecret]) {
      expect(everything).not.toContain(secret);
    }
  });

  describe('with Redis', () => {
    const shared = useRedisInstances({ emulator: () => h.emu });
    let redisApp: TestApp;

    beforeAll(async () => {
      [redisApp] = await shared.instances({ count: 1 });
    });

    it('adds a client span per Redis command, by command name only', async () => {
      const res = await redisApp.inject({ method: 'GET', url: '/me', headers: bearer(token) });
      expect(res.statusCode).toBe(200);
      const spans = await exported();
      const forwarded = TRACEPARENT.exec(userRequests().at(-1)?.headers.traceparent ?? '');
      const server = spans.find((s) => s.traceId === forwarded?.[1] && s.kind === SERVER);
      const redisSpans = spans.filter((s) => s.traceId === server?.traceId && s.name.startsWith('redis '));
      expect(redisSpans.length).toBeGreaterThan(0);
      for (const span of redisSpans) {
        expect(span.kind).toBe(CLIENT);
        expect(span.attributes).toEqual({ 'db.system.name': 'redis', 'db.operation.name': span.name.slice('redis '.length) });
      }
      expect(JSON.stringify(redisSpans)).not.toContain(userId);
    });
  });
});
