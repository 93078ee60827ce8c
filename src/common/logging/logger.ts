import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import { currentRequestContext } from './request-context.js';
import { activeTraceIds } from '../../observability/spans.js';
import { redactDeep } from './redact.js';

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  /** Defaults to stdout; tests pass a stream to read what was logged. */
  destination?: DestinationStream;
  /** Finds a module's entry file (Node's resolution); tests pass one that fails, as in the production image. */
  resolveModule?: (name: string) => string;
}

const PRETTY_MISSING =
  'NODE_ENV=development asks for pretty logs, but pino-pretty (a dev dependency) is not installed, as in the ' +
  'production image: logging JSON. Use NODE_ENV=production there.';

/**
 * The root logger. Every line is JSON, carries the request id and user id of the request it was written
 * for (via AsyncLocalStorage) and, while tracing, the `trace_id` and `span_id` of the active span, and goes
 * through `redactDeep`, so a secret passed by mistake is censored.
 */
export function createLogger(options: LoggerOptions): Logger {
  const logger = pino(
    {
      level: options.level,
      base: { service: 'logto-account-service' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object) as Record<string, unknown>,
      },
      mixin() {
        const ctx = currentRequestContext();
        const ids = ctx ? { requestId: ctx.requestId, ...(ctx.userId ? { userId: ctx.userId } : {}) } : {};
        const trace = activeTraceIds();
        return trace ? { ...ids, ...trace } : ids;
      },
      serializers: { err: pino.stdSerializers.err },
      ...prettyTransport(options),
    },
    options.destination,
  );
  if (options.pretty && prettyTarget(options) === undefined) logger.warn(PRETTY_MISSING);
  return logger;
}

/**
 * The logger for the one line per request. That line is built from known, safe scalar fields (method,
 * route template, status, duration, ids), so it skips the redaction walk and the request-context mixin that
 * every other line goes through: it is written on every request, and neither would change it.
 */
export function createRequestLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'logto-account-service' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      ...prettyTransport(options),
    },
    options.destination,
  );
}

/**
 * Pretty output through pino-pretty when asked for and installed. Without it pino would fail at start ("unable to
 * determine transport target") and the container would restart in a loop: log JSON instead (createLogger warns).
 */
function prettyTransport(options: LoggerOptions) {
  const target = options.destination ? undefined : prettyTarget(options);
  return target ? { transport: { target, options: { singleLine: true } } } : {};
}

const requireHere = createRequire(import.meta.url);

function prettyTarget(options: LoggerOptions): string | undefined {
  if (!options.pretty) return undefined;
  try {
    return (options.resolveModule ?? ((name: string) => requireHere.resolve(name)))('pino-pretty');
  } catch {
    return undefined;
  }
}
