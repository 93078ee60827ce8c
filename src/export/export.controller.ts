import { Get, Head, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser } from '../auth/auth.decorators.js';
import type { VerifiedIdentity } from '../auth/verified-identity.js';
import { ApiProblems } from '../common/openapi/api-problems.decorator.js';
import { AccountExportDto } from './dto/account-export.dto.js';
import { ExportService } from './export.service.js';
import { AccountController } from '../common/http/account-controller.decorator.js';

@AccountController('me/export', 'Account export')
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  /**
   * HEAD has its own handler: Fastify's automatic HEAD route would run the export, and spend the user's one
   * export per 10 minutes on a response without a body. Declared before the GET, so Fastify sees a HEAD route
   * already there and does not add its own.
   */
  @Head()
  @Header('cache-control', 'no-store')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiExcludeEndpoint()
  async probeMyExport(@CurrentUser() user: VerifiedIdentity, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const { filename } = await this.exports.probe(user.userId);
    reply.header('content-disposition', `attachment; filename="${filename}"`);
  }

  /**
   * Download everything Logto holds about my account that this service can read, as one JSON file. At most
   * one export per 10 minutes (429 with Retry-After); HEAD tells whether an export is possible now without
   * using it up.
   */
  @Get()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Export my account data' })
  @ApiOkResponse({
    type: AccountExportDto,
    headers: { 'Content-Disposition': { description: 'attachment; filename="account-export-{userId}.json"', schema: { type: 'string' } } },
  })
  @ApiProblems('rate_limit.exceeded', 'auth.token_missing', 'auth.token_invalid', 'auth.insufficient_scope', 'account.not_found', 'upstream.unavailable', 'upstream.unreachable', 'upstream.timeout')
  async exportMyAccount(@CurrentUser() user: VerifiedIdentity, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccountExportDto> {
    const { filename, document } = await this.exports.export(user.userId);
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    return document;
  }
}
