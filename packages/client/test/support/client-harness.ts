import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAccountClient, type AccountClient, type AccountClientOptions } from '@logto-account-service/client';
import { ManualClock } from '../../../../src/common/clock.js';
import { startEmulatorApp, type RunningEmulatorApp } from '../../../../test/support/test-app.js';

/** One HTTP exchange as the client's fetch saw it. */
export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string>;
  error?: string;
}

/** The service on a real socket on 127.0.0.1 (ManualClock, fresh emulator), and a log of what the client sent. */
export interface ClientHarness extends RunningEmulatorApp<ManualClock> {
  baseUrl: string;
  exchanges: Exchange[];
  /** The global fetch, recording every exchange: injected through the client's `fetch` option. */
  recordingFetch: typeof fetch;
  client(userId: string, options?: Partial<AccountClientOptions> & { tokenCalls?: { count: number } }): AccountClient;
}

export async function startClientHarness(env: Record<string, string> = {}): Promise<ClientHarness> {
  const h = await startEmulatorApp({ clock: new ManualClock(), env });
  await h.t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (h.t.app.getHttpServer().address() as AddressInfo).port;
  const exchanges: Exchange[] = [];
  const recordingFetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const exchange: Exchange = {
      method: init?.method ?? 'GET',
      url: String(input),
      headers: { ...(init?.headers as Record<string, string>) },
    };
    exchanges.push(exchange);
    try {
      const response = await fetch(input, init);
      exchange.status = response.status;
      exchange.responseHeaders = Object.fromEntries(response.headers.entries());
      return response;
    } catch (error) {
      exchange.error = (error as Error).message;
      throw error;
    }
  }) as typeof fetch;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    ...h,
    baseUrl,
    exchanges,
    recordingFetch,
    client(userId, options = {}) {
      const { tokenCalls, ...rest } = options;
      return createAccountClient({
        baseUrl,
        fetch: recordingFetch,
        getAccessToken: () => {
          if (tokenCalls) tokenCalls.count += 1;
          return h.token(userId);
        },
        retry: { maxDelayMs: 0 },
        ...rest,
      });
    },
  };
}

/**
 * A proxy in front of the service that forwards a request, lets the service finish it, and then drops the
 * client's connection without an answer, `drops` times: the "did it run?" case an Idempotency-Key exists for.
 */
export async function startDroppingProxy(target: string, shouldDrop: (req: IncomingMessage) => boolean): Promise<{ url: string; dropped: number; close(): Promise<void> }> {
  const state = { dropped: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'].includes(name) || value === undefined) continue;
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      void fetch(target + req.url, { method: req.method, headers, body }).then(async (upstream) => {
        const text = await upstream.text();
        if (shouldDrop(req)) {
          state.dropped += 1;
          req.socket.destroy();
          return;
        }
        const out: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (!['connection', 'content-length', 'keep-alive', 'transfer-encoding', 'content-encoding'].includes(name)) out[name] = value;
        });
        res.writeHead(upstream.status, out);
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get dropped() {
      return state.dropped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
