import { Body, Controller, Get, Logger, Module, Patch, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentUser, Public } from '../../src/auth/auth.decorators.js';
import { DomainError } from '../../src/common/errors/domain-error.js';
import { MergePatchBody } from '../../src/common/http/json-body.js';
import type { VerifiedIdentity } from '../../src/auth/verified-identity.js';
import { LogtoManagementGateway } from '../../src/logto/logto-management.gateway.js';

/** Lets tests wait until a slow request is really in flight, instead of guessing with a sleep. */
export const slowRoute = { started: 0 };

class EchoDto {
  @IsString()
  @MaxLength(10)
  name!: string;

  @IsOptional()
  @IsString()
  password?: string;
}

/** Routes that exist only in tests, to exercise the HTTP foundation before and beside the account routes. */
@Public()
@Controller('test')
class TestRoutesController {
  private readonly logger = new Logger('TestRoutes');

  @Post('echo')
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }

  @Patch('echo')
  @MergePatchBody()
  patchEcho(@Body() body: EchoDto): EchoDto {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('secret internal detail: db password is hunter2');
  }

  @Get('secret/:value')
  secret(): never {
    throw new DomainError('verification.expired');
  }

  @Get('slow')
  async slow(): Promise<{ done: true }> {
    slowRoute.started += 1;
    await new Promise((resolve) => setTimeout(resolve, 400));
    return { done: true };
  }

  /** Logs what careless code might log: the whole request. Redaction must still hide the secrets. */
  @Post('careless-log')
  carelessLog(@Req() request: FastifyRequest, @Body() body: EchoDto): { ok: true } {
    this.logger.warn({ headers: request.headers, body }, 'careless log of a request');
    return { ok: true };
  }
}

/** Authenticated test routes: the guard and the gateway, before and beside the account routes. */
@Controller('test/whoami')
class TestWhoAmIController {
  constructor(private readonly logto: LogtoManagementGateway) {}

  @Get()
  async read(@CurrentUser() identity: VerifiedIdentity) {
    const user = await this.logto.getUser(identity.userId);
    return { userId: identity.userId, scopes: [...identity.scopes].sort(), username: user.username };
  }

  @Post()
  async write(@CurrentUser() identity: VerifiedIdentity) {
    const user = await this.logto.updateUser(identity.userId, { name: 'written' });
    return { userId: identity.userId, name: user.name };
  }
}

@Module({ controllers: [TestRoutesController, TestWhoAmIController] })
export class TestRoutesModule {}
