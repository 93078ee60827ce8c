import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { catchError, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { DomainError } from '../common/errors/domain-error.js';
import type { AllConfig } from '../config/app-config.js';
import { isAccountRoute } from '../rate-limit/rate-limit-scope.js';
import { SharedStore, type CappedGroupLimits } from '../store/shared-store.js';
import { VERIFICATION_ID_HEADER } from '../verification/step-up.decorators.js';
import { StepUpService } from '../verification/step-up.service.js';
import { IdempotencyKeyMaterial, parseIdempotencyKey } from './idempotency-key.js';
import { SECRET_RESPONSE } from './secret-response.decorator.js';

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
  /** `StoredResponse`, sealed with the key material (see IdempotencyKeyMaterial); absent when withheld. */
  response?: string;
  /** Why the response was not kept: it carries a secret, or it is larger than the user's whole byte cap. */
  withheld?: 'secret' | 'too_large';
  /** The request passed a step-up check: a replay must pass one again. */
  stepUp?: true;
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
 * guards: the user is the verified token's, and a record is only ever replayed to the user who created it;
 * authentication, scopes and every other guard are checked on a replay as on the first request. What a
 * route checks inside its handler is checked here again: a replay of a request that passed step-up needs a
 * valid `Verification-Id` again. Lockouts guard only the verification routes, whose answers carry
 * verification ids: like every answer of a `@SecretResponse()` route they are never stored, and a retry of
 * their key answers 409 `idempotency.not_replayable` (the key still never runs twice).
 *
 * Records are bounded per user (IDEMPOTENCY_MAX_RECORDS_PER_USER, IDEMPOTENCY_MAX_BYTES_PER_USER; the
 * oldest are evicted first, atomically across instances: SharedStore.setCapped) and, in the memory store,
 * over all users (MEMORY_STORE_MAX_BYTES). A key whose record was evicted is new again.
 * Neither keys nor stored bodies are ever logged.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  private readonly limits: CappedGroupLimits;

  constructor(
    private readonly store: SharedStore,
    private readonly reflector: Reflector,
    private readonly stepUp: StepUpService,
    config: ConfigService<AllConfig, true>,
  ) {
    const account = config.get('account', { infer: true });
    this.limits = { maxEntries: account.idempotencyMaxRecordsPerUser, maxBytes: account.idempotencyMaxBytesPerUser };
  }

  /** Synchronous for the common case (no key): every request passes here, and a promise per request costs. */
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined || !MUTATING_METHODS.has(request.method) || !request.identity || !isAccountRoute(request)) {
      return next.handle();
    }
    const secret = this.reflector.get<boolean | undefined>(SECRET_RESPONSE, context.getHandler()) === true;
    return from(this.handleKeyed(request, http.getResponse<FastifyReply>(), header, secret, next)).pipe(mergeMap((outcome) => outcome));
  }

  private async handleKeyed(
    request: FastifyRequest,
    reply: FastifyReply,
    header: string | string[],
    secret: boolean,
    next: CallHandler,
  ): Promise<Observable<unknown>> {
    if (!request.identity) return next.handle();
    const userId = request.identity.userId;
    const material = new IdempotencyKeyMaterial(userId, parseIdempotencyKey(header));
    const storeKey = `idempotency:${userId}:${material.recordId}`;
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
      if (existing.response === undefined) throw notReplayable(existing.withheld);
      if (existing.stepUp) {
        const verificationId = request.headers[VERIFICATION_ID_HEADER];
        await this.stepUp.require(userId, typeof verificationId === 'string' ? verificationId : undefined);
      }
      return of(this.replay(reply, material.open<StoredResponse>(existing.response)));
    }

    return next.handle().pipe(
      mergeMap((body) =>
        from(this.complete({ userId, storeKey, running, material, secret, stepUp: request.context?.stepUpChecked === true }, reply, body)).pipe(
          mergeMap(() => of(body)),
        ),
      ),
      catchError((error: unknown) => from(this.release(storeKey, running)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  private async complete(attempt: Attempt, reply: FastifyReply, body: unknown): Promise<void> {
    const { storeKey, running, material } = attempt;
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
    const base: CompletedRecord = { state: 'completed', fingerprint: running.fingerprint, ...(attempt.stepUp ? { stepUp: true } : {}) };
    let record: CompletedRecord = attempt.secret ? { ...base, withheld: 'secret' } : { ...base, response: material.seal({ status, headers, body }) };
    // A record larger than the user's whole byte cap would evict everything else and still be over it: keep
    // only the fact that the key ran, so a retry learns that instead of running the change again.
    if (Buffer.byteLength(JSON.stringify(record)) > this.limits.maxBytes) record = { ...base, withheld: 'too_large' };
    try {
      await this.store.setCapped(`idempotency-records:${attempt.userId}`, storeKey, record, IDEMPOTENCY_RECORD_TTL_MS, this.limits);
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

/** One keyed request on its way: what completing it needs to know. */
interface Attempt {
  userId: string;
  storeKey: string;
  running: RunningRecord;
  material: IdempotencyKeyMaterial;
  /** The route is a `@SecretResponse()`: its answer is never stored. */
  secret: boolean;
  /** The request passed a step-up check. */
  stepUp: boolean;
}

function notReplayable(reason: CompletedRecord['withheld']): DomainError {
  const why =
    reason === 'too_large'
      ? 'its response was too large to keep'
      : 'its response carries a secret (backup codes, a TOTP secret or a verification id), which is never stored';
  return new DomainError(
    'idempotency.not_replayable',
    `The request with this Idempotency-Key already completed, but ${why}. Send the request again with a new Idempotency-Key.`,
  );
}
