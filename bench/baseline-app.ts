/**
 * The baseline server (bench/baseline.ts) as a function, so the calibration entry (bench/baseline-plus.ts) runs
 * the very same server with a known amount of extra CPU per request.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { requestIdFor } from '../src/common/http/request-id.js';
import { burnCpu } from './cpu-burn.js';
import { env, exitOnSignal, getMe, getMfa, getSecurity, getSessions, HttpError, installRequestHooks, patchCustomData, sendJson } from './baseline-work.js';

export interface BaselineOptions {
  /** CPU, in µs, burnt on the main thread in an onRequest hook of every request (bench/baseline-plus.ts). */
  addedCpuUs?: number;
}

export function createBaseline(options: BaselineOptions = {}): FastifyInstance {
  const app = Fastify({ logger: false, genReqId: requestIdFor });

  installRequestHooks(app);
  const addedCpuUs = options.addedCpuUs ?? 0;
  if (addedCpuUs > 0) {
    app.addHook('onRequest', (_request, _reply, done) => {
      burnCpu(addedCpuUs);
      done();
    });
  }
  app.setErrorHandler((error, _request, reply) => {
    const status = error instanceof HttpError ? error.status : 500;
    const code = error instanceof HttpError ? error.code : 'internal';
    return reply.code(status).type('application/problem+json').send({ status, code });
  });

  app.get('/health/live', async () => ({ status: 'ok' }));
  // What bench/run.ts polls before measuring a "service" (the service's readiness route): for baseline-plus.ts.
  app.get('/health/ready', async () => ({ status: 'ok' }));
  app.get('/me', async (request, reply) => sendJson(reply, await getMe(request)));
  app.get('/me/security', async (request, reply) => sendJson(reply, await getSecurity(request)));
  app.get('/me/mfa', async (request, reply) => sendJson(reply, await getMfa(request)));
  app.get('/me/sessions', async (request, reply) => sendJson(reply, await getSessions(request)));
  app.patch('/me/custom-data', async (request, reply) => sendJson(reply, await patchCustomData(request)));
  return app;
}

/** Listens where bench/processes.ts told the child to (HOST, PORT) and exits cleanly on SIGTERM or SIGINT. */
export async function serveBaseline(app: FastifyInstance): Promise<void> {
  await app.listen({ host: env.HOST ?? '127.0.0.1', port: Number(env.PORT ?? 0) });
  exitOnSignal(() => app.close());
}
