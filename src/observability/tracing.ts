import { context, diag, propagation, ProxyTracerProvider, trace } from '@opentelemetry/api';
import { setTracingEnabled } from './spans.js';

export const DEFAULT_SERVICE_NAME = 'logto-account-service';

type Env = Record<string, string | undefined>;

export interface TracingHandle {
  /** Exports every finished span now (tests; before exit). */
  flush(): Promise<void>;
  /** Flushes, stops the SDK and unregisters its global tracer provider, context manager and propagator. */
  shutdown(): Promise<void>;
}

/**
 * Whether the OTEL_* environment asks for trace export: an OTLP endpoint, an explicit OTEL_TRACES_EXPORTER
 * other than `none`, or a declarative OTEL_CONFIG_FILE. The OpenTelemetry default (OTLP to localhost:4318
 * when nothing is set) is deliberately not followed: a service started without any of these exports nothing
 * and loads no SDK at all, so tracing costs nothing until an operator turns it on.
 */
export function tracingConfigured(env: Env): boolean {
  const set = (name: string) => (env[name]?.trim() ?? '') !== '';
  if (['true', '1'].includes(env.OTEL_SDK_DISABLED?.trim().toLowerCase() ?? '')) return false;
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  if (exporters.includes('none')) return false;
  return exporters.length > 0 || set('OTEL_EXPORTER_OTLP_ENDPOINT') || set('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') || set('OTEL_CONFIG_FILE');
}

let started = false;

/**
 * Starts the OpenTelemetry Node SDK for traces when `tracingConfigured(process.env)`, configured by the
 * standard variables only (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_TRACES_SAMPLER,
 * OTEL_PROPAGATORS, OTEL_RESOURCE_ATTRIBUTES, OTEL_BSP_*, …); `service.name` defaults to
 * `logto-account-service`. Metrics stay with Prometheus (GET /metrics) and logs with stdout, so the SDK's
 * metric and log pipelines are not started. Returns undefined when tracing is off.
 *
 * main.ts calls it before loading the application. Tests call it before `startEmulatorApp` and shut it down
 * after, which removes every global it registered.
 */
export async function startTracing(): Promise<TracingHandle | undefined> {
  if (!tracingConfigured(process.env)) return undefined;
  if (started) throw new Error('OpenTelemetry tracing is already started in this process');
  // Loaded only when wanted: the SDK and its exporters are a large module graph.
  const { startNodeSdk } = await import('@opentelemetry/sdk-node');
  const sdk = startNodeSdk({
    resourceAttributes: serviceNameConfigured(process.env) ? undefined : { 'service.name': DEFAULT_SERVICE_NAME },
    metricReaders: [],
    logRecordProcessors: [],
  });
  const provider = (trace.getTracerProvider() as ProxyTracerProvider).getDelegate();
  const noop = new ProxyTracerProvider().getDelegate();
  if (provider === noop) {
    // The SDK refused its configuration (it says why on stderr): nothing to trace with.
    await sdk.shutdown();
    unregister();
    return undefined;
  }
  started = true;
  setTracingEnabled(true);
  const flushable = provider as { forceFlush?: () => Promise<void> };
  return {
    flush: async () => {
      await flushable.forceFlush?.();
    },
    shutdown: async () => {
      setTracingEnabled(false);
      try {
        await sdk.shutdown();
      } finally {
        unregister();
        started = false;
      }
    },
  };
}

function serviceNameConfigured(env: Env): boolean {
  if ((env.OTEL_SERVICE_NAME?.trim() ?? '') !== '') return true;
  return (env.OTEL_RESOURCE_ATTRIBUTES ?? '').split(',').some((pair) => pair.trim().startsWith('service.name='));
}

function unregister(): void {
  trace.disable();
  context.disable();
  propagation.disable();
  diag.disable();
}
