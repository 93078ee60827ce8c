/**
 * The benchmark's baseline: the least code that does the same per-request work as the service, with the same
 * libraries, so `npm run bench` can say how much the service costs over the work itself. The work is in
 * baseline-work.ts; the plain Fastify server around it is in baseline-app.ts. GET /health/live is the bare
 * Fastify "hello world": the framework's floor. Started by bench/run.ts as a child process.
 */
import { createBaseline, serveBaseline } from './baseline-app.js';

await serveBaseline(createBaseline());
