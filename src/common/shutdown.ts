import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';

export interface ShutdownOptions {
  timeoutMs: number;
  logger: Logger;
  /** The process (or a stand-in in tests) whose signals trigger the shutdown. */
  signals?: { once(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown };
  exit?: (code: number) => void;
}

/**
 * On SIGTERM or SIGINT: stop accepting connections, let in-flight requests finish (new ones on kept-alive
 * connections get 503), then exit 0. If draining takes longer than the timeout, exit 1 rather than hang.
 */
export function installGracefulShutdown(app: INestApplication, options: ShutdownOptions): () => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown: Promise<void> | undefined;

  const shutdown = (signal: string): Promise<void> => {
    shuttingDown ??= (async () => {
      options.logger.info({ signal, timeoutMs: options.timeoutMs }, 'shutting down: draining in-flight requests');
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
        timer.unref();
      });
      const outcome = await Promise.race([app.close().then(() => 'closed' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        options.logger.error('shutdown timed out with requests still in flight');
        exit(1);
      } else {
        options.logger.info('shutdown complete');
        exit(0);
      }
    })();
    return shuttingDown;
  };

  const signals = options.signals ?? process;
  signals.once('SIGTERM', () => void shutdown('SIGTERM'));
  signals.once('SIGINT', () => void shutdown('SIGINT'));
  return () => shutdown('manual');
}
