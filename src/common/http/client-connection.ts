import type { ServerResponse } from 'node:http';
import { DomainError } from '../errors/domain-error.js';

/**
 * Whether the client of a request is still there to read its answer. A response closed before it finished
 * means the connection went away (the client gave up, a proxy timed out). `request.raw`'s 'close' is no
 * such sign: Node emits it as soon as the request body has been read.
 */
export class ClientConnection {
  private controller?: AbortController;

  constructor(private readonly response: ServerResponse) {}

  get gone(): boolean {
    return this.response.closed && !this.response.writableFinished;
  }

  /** Aborted when the client goes; made on first use, as few requests ever wait for anything. */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.gone) controller.abort(clientClosed());
      else this.response.once('close', () => this.gone && controller.abort(clientClosed()));
    }
    return this.controller.signal;
  }
}

/** Thrown to drop work nobody will receive; the answer goes nowhere, but the request log shows 499. */
export function clientClosed(): DomainError {
  return new DomainError('request.client_closed', 'The client closed the connection before the answer was ready.');
}
