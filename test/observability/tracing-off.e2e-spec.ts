import { context, propagation, trace } from '@opentelemetry/api';
import { startTracing, tracingConfigured } from '../../src/observability/tracing.js';
import { isTracingEnabled } from '../../src/observability/spans.js';
import { bearer, tokenFor, withEmulatorApp } from '../support/test-app.js';

describe('tracingConfigured', () => {
  it('is on only when an exporter is named', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingConfigured({ OTEL_TRACES_EXPORTER: 'console' })).toBe(true);
    expect(tracingConfigured({ OTEL_CONFIG_FILE: '/etc/otel.yaml' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBe(false);
  });

  it('is off when the exporter is "none" or the SDK is disabled', () => {
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });
});

describe('with tracing off (no OTEL_* exporter)', () => {
  it('starts no SDK and registers nothing global', async () => {
    expect(tracingConfigured(process.env)).toBe(false);
    expect(await startTracing()).toBeUndefined();
    expect(isTracingEnabled()).toBe(false);
    expect(trace.getActiveSpan()).toBeUndefined();
    // The API's no-op defaults: no context manager, no propagator.
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpanContext(context.active(), { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 }), carrier);
    expect(carrier).toEqual({});
  });

  it('serves requests without spans: no traceparent to Logto, no trace ids in logs', async () => {
    await withEmulatorApp({}, async ({ emu, t }) => {
      const userId = emu.seedUser({ username: 'untraced_user' }).id;
      const traceparent = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
      const res = await t.inject({ method: 'GET', url: '/me', headers: bearer(await tokenFor(emu, userId), { traceparent }) });
      expect(res.statusCode).toBe(200);
      expect(emu.requests.length).toBeGreaterThan(0);
      for (const request of emu.requests) expect(request.headers.traceparent).toBeUndefined();
      const lines = t.logLines();
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).not.toHaveProperty('trace_id');
    });
  });
});
