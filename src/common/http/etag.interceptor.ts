import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { etagMatches, etagOf } from './etag.js';

/**
 * Serializes a JSON response once, sets a strong ETag from that exact serialization, and answers a GET
 * whose If-None-Match matches with 304 and no body (RFC 9110 §13.1.2).
 */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const serialized = JSON.stringify(body);
        const etag = etagOf(serialized);
        reply.header('etag', etag);
        reply.header('cache-control', 'private, no-cache');
        const conditional = request.headers['if-none-match'];
        if ((request.method === 'GET' || request.method === 'HEAD') && etagMatches(conditional, etag, { weak: true })) {
          reply.status(304);
          return undefined;
        }
        reply.header('content-type', 'application/json; charset=utf-8');
        return serialized;
      }),
    );
  }
}
