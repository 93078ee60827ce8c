import type { operations as Operations } from './generated/openapi.js';
import type { OperationId } from './generated/operations.js';

type Operation<Id extends OperationId> = Operations[Id];
type Parameters<Id extends OperationId> = Operation<Id> extends { parameters: infer P } ? P : never;
type Present<T> = [T] extends [never] ? false : [T] extends [undefined] ? false : true;

/** Path parameters: required whenever the route has any. */
type PathPart<Id extends OperationId> =
  Parameters<Id> extends { path?: infer P } ? (Present<P> extends true ? { path: NonNullable<P> } : { path?: undefined }) : { path?: undefined };

type QueryPart<Id extends OperationId> =
  Parameters<Id> extends { query?: infer Q } ? (Present<Q> extends true ? { query?: NonNullable<Q> } : { query?: undefined }) : { query?: undefined };

type ContentOf<B> = B extends { content: infer C } ? C[keyof C] : never;

/** The JSON body: required when the document says so, optional when it may be left out, absent otherwise. */
type BodyPart<Id extends OperationId> =
  Operation<Id> extends { requestBody: infer B }
    ? { body: ContentOf<B> }
    : Operation<Id> extends { requestBody?: infer B }
      ? Present<B> extends true
        ? { body?: ContentOf<NonNullable<B>> }
        : { body?: undefined }
      : { body?: undefined };

export interface CommonCallOptions {
  /**
   * Extra request headers, e.g. `If-Match` or `If-None-Match`. The client sets `Authorization`, `Idempotency-Key`
   * (unless given here) and `Verification-Id` (unless given here) itself.
   */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export type CallOptions<Id extends OperationId> = PathPart<Id> & QueryPart<Id> & BodyPart<Id> & CommonCallOptions;

type SuccessStatus = 200 | 201 | 202 | 203 | 204;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : undefined;

/** The typed body of the route's 2xx answers; `undefined` for 204 No Content. */
export type SuccessBody<Id extends OperationId> =
  Operation<Id> extends { responses: infer R } ? { [S in keyof R & SuccessStatus]: JsonOf<R[S]> }[keyof R & SuccessStatus] : never;

type AllOptional<T> = Partial<T> extends T ? true : false;

export type OperationMethod<Id extends OperationId> =
  AllOptional<CallOptions<Id>> extends true
    ? (options?: CallOptions<Id>) => Promise<SuccessBody<Id>>
    : (options: CallOptions<Id>) => Promise<SuccessBody<Id>>;

/** One method per operationId of openapi.yaml. */
export type AccountOperations = { [Id in OperationId]: OperationMethod<Id> };
