/**
 * What Nest 12 itself costs: the baseline's per-request work (baseline-work.ts, exactly what bench/baseline.ts
 * does) in one bare Nest controller on the same Fastify adapter settings as the service, with nothing else —
 * no guard, pipe, interceptor, middleware, security headers, rate limit, metrics or request context. Measure
 * it against the baseline with the bench's own harness, in place of the service:
 *
 *   BENCH_SERVICE_ENTRY=dist/bench/bench/nest-floor.js BENCH_SCENARIOS=me-one-token,health-live npm run bench
 *
 * The "service" rows are then this floor: the ratio is the share of the baseline's throughput that any Nest 12
 * app doing this work keeps, before the service adds anything of its own.
 */
import 'reflect-metadata';
import { Catch, Controller, Get, Module, Patch, Req, Res, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestIdFor } from '../src/common/http/request-id.js';
import { env, exitOnSignal, getMe, getMfa, getSecurity, getSessions, HttpError, installRequestHooks, patchCustomData, prepareJson } from './baseline-work.js';

@Controller()
class FloorController {
  @Get('health/live')
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** What bench/run.ts polls before measuring (the service's readiness route). */
  @Get('health/ready')
  ready(): { status: string } {
    return { status: 'ok' };
  }

  @Get('me')
  async me(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return prepareJson(reply, await getMe(request));
  }

  @Get('me/security')
  async security(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return prepareJson(reply, await getSecurity(request));
  }

  @Get('me/mfa')
  async mfa(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return prepareJson(reply, await getMfa(request));
  }

  @Get('me/sessions')
  async sessions(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return prepareJson(reply, await getSessions(request));
  }

  @Patch('me/custom-data')
  async patchCustomData(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return prepareJson(reply, await patchCustomData(request));
  }
}

/** The baseline's error answer (only reached on a failure: not on the measured path). */
@Catch(HttpError)
class HttpErrorFilter implements ExceptionFilter<HttpError> {
  catch(error: HttpError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.code(error.status).type('application/problem+json').send({ status: error.status, code: error.code });
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

const adapter = new FastifyAdapter({
  logger: false,
  genReqId: requestIdFor,
  skipMiddie: true,
});
const app = await NestFactory.create<NestFastifyApplication>(FloorModule, adapter, { logger: ['error', 'warn'] });
app.useGlobalFilters(new HttpErrorFilter());
installRequestHooks(app.getHttpAdapter().getInstance() as unknown as FastifyInstance);
await app.listen(Number(env.PORT ?? 0), env.HOST ?? '127.0.0.1');
exitOnSignal(() => app.close());
