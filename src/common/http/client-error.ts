import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '../errors/error-codes.js';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../errors/problem.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the request (headers too large, not HTTP, headers
 * too slow) before Fastify saw it, so no hook, route or filter runs. Fastify's default writes its own JSON;
 * this writes a problem like every other 4xx. Nothing of the request is echoed: it could not be parsed, and
 * the part that was may be the oversized header itself.
 */
export function answerClientError(securityHeaders: Readonly<Record<string, string>>) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has nobody left to answer (Node's own handler does the same).
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const code: ErrorCode =
      error.code === 'HPE_HEADER_OVERFLOW' ? 'request.header_too_large' : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request.timeout' : 'request.validation_failed';
    const requestId = randomUUID();
    const problem = buildProblem({
      code,
      detail: code === 'request.validation_failed' ? 'The request is not valid HTTP.' : undefined,
      instance: '/',
      requestId,
    });
    const body = JSON.stringify(problem);
    const headers: Record<string, string> = {
      ...securityHeaders,
      [REQUEST_ID_HEADER]: requestId,
      'content-type': PROBLEM_CONTENT_TYPE,
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    if (socket.writable) {
      const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${head}\r\n${body}`);
    }
    socket.destroy(error);
  };
}
