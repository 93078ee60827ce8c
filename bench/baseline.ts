/**
 * The benchmark's baseline: the least code that does the same per-request work as the service, with the same
 * libraries, so `npm run bench` can say how much the service costs over the work itself. The work is in
 * baseline-work.ts; this is the plain Fastify server around it. GET /health/live is the bare Fastify
 * "hello world": the framework's floor. Started by bench/run.ts as a child process.
 */
import Fastify from 'fastify';
import { requestIdFor } from '../src/common/http/request-id.js';
import { env, exitOnSignal, getMe, getMfa, getSecurity, getSessions, HttpError, installRequestHooks, patchCustomData, sendJson } from './baseline-work.js';

const app = Fastify({ logger: false, genReqId: requestIdFor });

installRequestHooks(app);
app.setErrorHandler((error, _request, reply) => {
  const status = error instanceof HttpError ? error.status : 500;
  const code = error instanceof HttpError ? error.code : 'internal';
  return reply.code(status).type('application/problem+json').send({ status, code });
});

app.get('/health/live', async () => ({ status: 'ok' }));
app.get('/me', async (request, reply) => sendJson(reply, await getMe(request)));
app.get('/me/security', async (request, reply) => sendJson(reply, await getSecurity(request)));
app.get('/me/mfa', async (request, reply) => sendJson(reply, await getMfa(request)));
app.get('/me/sessions', async (request, reply) => sendJson(reply, await getSessions(request)));
app.patch('/me/custom-data', async (request, reply) => sendJson(reply, await patchCustomData(request)));

await app.listen({ host: env.HOST ?? '127.0.0.1', port: Number(env.PORT ?? 0) });
exitOnSignal(() => app.close());
