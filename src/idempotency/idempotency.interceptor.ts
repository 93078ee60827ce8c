import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { DomainError } from '../common/errors/domain-error.js';
import { isAccountRoute } from '../rate-limit/rate-limit-scope.js';
import { SharedStore } from '../store/shared-store.js';
import { IdempotencyKeyMaterial, parseIdempotencyKey } from './idempotency-key.js';

const MUTATING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** How long a completed response is replayed (the draft leaves it to the server; 24 h is common practice). */
export const IDEMPOTENCY_RECORD_TTL_MS = 24 * 60 * 60_000;
/** Bound on a running record: if its instance dies mid-request, the key is free again after this. */
const RUNNING_TTL_MS = 60_000;
/** Response headers that are part of the outcome and replayed with it; per-request ones (ids, limits) are not. */
const REPLAYED_HEADERS = ['content-type', 'etag', 'location', 'cache-control', 'content-disposition', 'last-modified'];

interface RunningRecord {
  state: 'running';
  fingerprint: string;
  /** Tells this request's record from a later one under the same key, for a safe release. */
  attempt: string;
}

interface CompletedRecord {
  state: 'completed';
  fingerprint: string;
  /** `StoredResponse`, sealed with the key material (see IdempotencyKeyMaterial). */
  response: string;
}

interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/**
 * Idempotency-Key on every POST, PUT, PATCH and DELETE under /me (IETF httpapi idempotency-key draft). The
 * first request with a key runs; its response is kept 24 h per user and key and replayed to a retry with
 * the same request (`Idempotent-Replayed: true`); the same key with another request is 422
 * `idempotency.key_reused`; a retry while the first still runs is 409 `idempotency.in_progress`.
 *
 * Only successful (2xx) outcomes are kept. An error changed nothing (every rejection in this service
 * leaves the account as it was), so running the retry again is safe, and it must run again: a 5xx or a
 * 409 `account.busy` is transient, and a 403 `verification.required` is retried with the same body once
 * the user has a Verification-Id (a header, not part of the fingerprint).
 *
 * An interceptor, bound to every mutating /me route by `@IdempotentMutations()`, so it runs after the
 * guards: the user is the verified token's, and a record is only ever replayed to the user who created it.
 * Neither keys nor stored bodies are ever logged.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly store: SharedStore) {}

  /** Synchronous for the common case (no key): every request passes here, and a promise per request costs. */
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined || !MUTATING_METHODS.has(request.method) || !request.identity || !isAccountRoute(request)) {
      return next.handle();
    }
    return from(this.handleKeyed(request, http.getResponse<FastifyReply>(), header, next)).pipe(mergeMap((outcome) => outcome));
  }

  private async handleKeyed(request: FastifyRequest, reply: FastifyReply, header: string | string[], next: CallHandler): Promise<Observable<unknown>> {
    if (!request.identity) return next.handle();
    const material = new IdempotencyKeyMaterial(request.identity.userId, parseIdempotencyKey(header));
    const storeKey = `idempotency:${request.identity.userId}:${material.recordId}`;
    const fingerprint = material.fingerprint(request.method, request.url, request.body);

    const running: RunningRecord = { state: 'running', fingerprint, attempt: randomUUID() };
    if (!(await this.store.setIfAbsent(storeKey, running, RUNNING_TTL_MS))) {
      const existing = await this.store.get<RunningRecord | CompletedRecord>(storeKey);
      if (existing && existing.fingerprint !== fingerprint) {
        throw new DomainError('idempotency.key_reused', 'This Idempotency-Key was used with a different request. Use a new key for a new request.');
      }
      if (existing?.state !== 'completed') {
        throw new DomainError('idempotency.in_progress', 'A request with this Idempotency-Key is still running. Retry shortly.', {
          headers: { 'retry-after': '1' },
        });
      }
      return of(this.replay(reply, material.open<StoredResponse>(existing.response)));
    }

    return next.handle().pipe(
      mergeMap((body) => from(this.complete(storeKey, running, material, reply, body)).pipe(mergeMap(() => of(body)))),
      catchError((error: unknown) => from(this.release(storeKey, running)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  private async complete(storeKey: string, running: RunningRecord, material: IdempotencyKeyMaterial, reply: FastifyReply, body: unknown): Promise<void> {
    const status = reply.statusCode;
    const storable = body === undefined || !(body instanceof StreamableFile || body instanceof Readable || Buffer.isBuffer(body));
    if (status < 200 || status >= 300 || !storable) {
      await this.release(storeKey, running);
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    const record: CompletedRecord = { state: 'completed', fingerprint: running.fingerprint, response: material.seal({ status, headers, body }) };
    try {
      await this.store.set(storeKey, record, IDEMPOTENCY_RECORD_TTL_MS);
    } catch (error) {
      // The change is done and the client gets its answer; only a later retry loses the replay (it gets
      // 409 in_progress until the running record expires, never a second execution before that).
      this.logger.warn({ err: error }, 'could not store an idempotent response');
    }
  }

  private async release(storeKey: string, running: RunningRecord): Promise<void> {
    await this.store.deleteIfEquals(storeKey, running).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'could not release an idempotency key; it expires by itself');
    });
  }

  private replay(reply: FastifyReply, stored: StoredResponse): unknown {
    reply.status(stored.status);
    for (const [name, value] of Object.entries(stored.headers)) reply.header(name, value);
    reply.header('idempotent-replayed', 'true');
    return stored.body;
  }
}
