// The only static import: on a Node.js too old for the dependencies, say so before loading any of them.
import { unsupportedNodeMessage } from './node-version.js';
import type { TracingHandle } from './observability/tracing.js';

/** Longest wait for the last spans to reach the collector on exit. */
const TRACE_FLUSH_TIMEOUT_MS = 5000;

async function main(): Promise<void> {
  const tooOld = unsupportedNodeMessage();
  if (tooOld) {
    process.stderr.write(tooOld);
    process.exit(1);
  }
  await import('reflect-metadata');
  const { ConfigError, loadConfig } = await import('./config/load-config.js');
  const { startTracing } = await import('./observability/tracing.js');
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw error;
  }
  // The OpenTelemetry SDK (only when OTEL_* names an exporter) starts before the application's modules load.
  const tracing = await startTracing();
  const { createApp } = await import('./app.factory.js');
  const { installGracefulShutdown } = await import('./common/shutdown.js');
  const { app, logger } = await createApp(config);
  installGracefulShutdown(app, {
    timeoutMs: config.server.shutdownTimeoutMs,
    logger,
    exit: (code) => void flushTraces(tracing).finally(() => process.exit(code)),
  });
  await app.listen({ port: config.server.port, host: config.server.host });
  logger.info(
    { port: config.server.port, host: config.server.host, metricsPort: config.server.metricsPort, tracing: tracing !== undefined },
    'listening',
  );
}

/** Sends the spans still buffered, without letting an unreachable collector hold the exit for long. */
async function flushTraces(tracing: TracingHandle | undefined): Promise<void> {
  if (!tracing) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, TRACE_FLUSH_TIMEOUT_MS);
  });
  await Promise.race([tracing.shutdown().catch(() => undefined), timeout]);
  clearTimeout(timer);
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
