/**
 * Audit logs (10-logs-*, 10-log-get*). The emulator writes token-endpoint entries itself
 * (ExchangeTokenBy.ClientCredentials); tests may add interaction entries with `state.addLog`.
 */
import type { FastifyInstance } from 'fastify';
import type { EmulatorPluginOptions } from '../context.js';
import { entityNotExistsWithId } from '../errors.js';
import { paginate, parsePage } from '../pagination.js';

export async function logsRoutes(app: FastifyInstance, options: EmulatorPluginOptions): Promise<void> {
  const { ctx } = options;
  const { state } = ctx;

  app.get('/api/logs', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const page = parsePage(query);
    const text = (key: string): string | undefined => (typeof query[key] === 'string' && query[key] !== '' ? (query[key] as string) : undefined);
    const userId = text('userId');
    const applicationId = text('applicationId');
    const logKey = text('logKey');
    // start_time / end_time: exclusive bounds on createdAt in epoch ms (openapi.json of 1.41, GET /api/logs).
    const startTime = text('start_time') === undefined ? undefined : Number(text('start_time'));
    const endTime = text('end_time') === undefined ? undefined : Number(text('end_time'));
    // `?userId=` matches `payload.userId` only, so entries without it are not returned
    // (10-logs-by-user vs 10-logs-by-application).
    const logs = state.logs
      .filter((log) => userId === undefined || log.payload.userId === userId)
      .filter((log) => applicationId === undefined || log.payload.applicationId === applicationId)
      .filter((log) => logKey === undefined || log.key === logKey)
      .filter((log) => (startTime === undefined || log.createdAt > startTime) && (endTime === undefined || log.createdAt < endTime))
      // Newest first; insertion order breaks ties of equal timestamps.
      .map((log, index) => ({ log, index }))
      .sort((a, b) => b.log.createdAt - a.log.createdAt || b.index - a.index)
      .map(({ log }) => log);
    return paginate(request, reply, ctx.endpoint, logs, page);
  });

  app.get<{ Params: { logId: string } }>('/api/logs/:logId', async (request) => {
    const log = state.logs.find((entry) => entry.id === request.params.logId);
    // 10-log-get-unknown: "The logs with ID `doesnotexist` does not exist."
    if (!log) throw entityNotExistsWithId('logs', request.params.logId);
    return log;
  });
}
