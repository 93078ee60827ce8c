import { operations, type OperationId, type OperationInfo } from './generated/operations.js';
import { AccountProblem, isAccountProblem, parseRetryAfterSeconds } from './problem.js';
import type { AccountOperations, CallOptions, SuccessBody } from './types.js';

export interface VerificationRequiredContext {
  /** The step-up methods the user can use now (`password`, `email`, `phone`, `reauthentication`), from the 403. */
  methods: string[];
  /** The call that needs it. */
  operationId: string;
}

export interface RetryOptions {
  /** Attempts per call in all, the first included (default 3; 1 turns the client's own retries off). */
  attempts?: number;
  /** The longest wait before a retry (default 5,000 ms): a longer `Retry-After` is cut to this. */
  maxDelayMs?: number;
}

export interface AccountClientOptions {
  /** The service's URL, e.g. `https://account.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** The user's access token for the service's API resource; called before every request, so it may refresh. */
  getAccessToken: () => string | Promise<string>;
  /**
   * Called when a sensitive call answers 403 `verification.required`: show a password or code prompt, create the
   * verification (e.g. `client.createPasswordVerification`) and return its `verificationId`; `undefined` gives up
   * (the call then throws the 403). The id is kept for later sensitive calls until it expires.
   */
  onVerificationRequired?: (context: VerificationRequiredContext) => Promise<string | undefined>;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  retry?: RetryOptions;
}

export interface AccountClient extends AccountOperations {
  /** The `Verification-Id` the client sends now, if any. */
  readonly verificationId: string | undefined;
  /** Forgets the cached verification id (e.g. when the user signs out). */
  clearVerification(): void;
}

interface ExchangeInit {
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
}

interface CachedVerification {
  id: string;
  /** Epoch ms; undefined when the id did not come through this client, then the service's 403 retires it. */
  expiresAt: number | undefined;
}

const DEFAULT_ATTEMPTS = 3;
const DEFAULT_MAX_DELAY_MS = 5_000;
const MAX_ATTEMPTS = 10;
/** Network errors carry no Retry-After: back off 250 ms, 500 ms, 1 s... up to maxDelayMs. */
const NETWORK_BACKOFF_MS = 250;

/**
 * A client with one method per operation of openapi.yaml. Each call resolves with the typed success body
 * (`undefined` for 204) or throws an AccountProblem. It adds the bearer token, a fresh `Idempotency-Key` per
 * mutation (the same on its own retries of that call), and the step-up dance.
 */
export function createAccountClient(options: AccountClientOptions): AccountClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? ((input: Parameters<typeof fetch>[0], init?: RequestInit) => globalThis.fetch(input, init));
  const attempts = Math.min(MAX_ATTEMPTS, Math.max(1, Math.floor(options.retry?.attempts ?? DEFAULT_ATTEMPTS)));
  const maxDelayMs = Math.max(0, options.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);

  let verification: CachedVerification | undefined;
  let pendingStepUp: Promise<string | undefined> | undefined;
  /** Expiries of the verification records created through this client, so an id returned by the app can be timed. */
  const knownExpiries = new Map<string, number>();

  const currentVerificationId = (): string | undefined => {
    if (verification?.expiresAt !== undefined && verification.expiresAt <= Date.now()) verification = undefined;
    return verification?.id;
  };

  /**
   * Notes when a verification record created through this client expires, on this device's clock: the service's
   * `expiresAt` is on its own, so the offset between the two (the `Date` header, when the browser may read it) is
   * taken out. Device clocks are often minutes off.
   */
  const remember = (info: OperationInfo, response: Response, body: unknown): void => {
    if (!info.path.startsWith('/me/verifications')) return;
    const record = body as { verificationId?: unknown; expiresAt?: unknown } | undefined;
    if (typeof record?.verificationId !== 'string' || typeof record.expiresAt !== 'string') return;
    const expiresAt = Date.parse(record.expiresAt);
    if (Number.isNaN(expiresAt)) return;
    const serverNow = Date.parse(response.headers.get('date') ?? '');
    const local = Number.isNaN(serverNow) ? expiresAt : Date.now() + (expiresAt - serverNow);
    if (knownExpiries.size >= 32) knownExpiries.delete(knownExpiries.keys().next().value as string);
    knownExpiries.set(record.verificationId, local);
    if (verification?.id === record.verificationId) verification.expiresAt = local;
  };

  /** One HTTP exchange with the client's own bounded retries; the same headers (and so the same key) on each. */
  const exchange = async (info: OperationInfo, url: string, init: ExchangeInit): Promise<Response> => {
    for (let attempt = 1; ; attempt++) {
      const token = await options.getAccessToken();
      const headers: Record<string, string> = { ...init.headers, authorization: `Bearer ${token}` };
      let response: Response;
      try {
        response = await fetchImpl(url, { ...init, headers });
      } catch (error) {
        // A dropped connection: the request may have run. Repeating it is safe for a read, and for a mutation
        // only with its Idempotency-Key (the service then replays the first outcome instead of running it twice).
        const repeatable = info.method === 'GET' || headers['idempotency-key'] !== undefined;
        if (init.signal?.aborted || !repeatable || attempt >= attempts) throw error;
        await delay(Math.min(maxDelayMs, NETWORK_BACKOFF_MS * 2 ** (attempt - 1)), init.signal);
        continue;
      }
      const retryAfter = parseRetryAfterSeconds(response.headers.get('retry-after'));
      // Only answers that say "nothing was done, come back later": 503 with Retry-After, and 409
      // idempotency.in_progress (a retry that overtook its own first attempt, still running on the service).
      const transient = retryAfter !== undefined && (response.status === 503 || (response.status === 409 && (await isInProgress(response))));
      if (!transient || attempt >= attempts) return response;
      await response.body?.cancel().catch(() => undefined);
      await delay(Math.min(maxDelayMs, retryAfter * 1000), init.signal);
    }
  };

  const call = async (operationId: OperationId, callOptions: Partial<CallOptions<OperationId>> = {}): Promise<unknown> => {
    const info = byId.get(operationId) as OperationInfo;
    const url = baseUrl + expandPath(info.path, callOptions.path as Record<string, unknown> | undefined) + queryString(callOptions.query);
    const given = lowerCaseKeys(callOptions.headers);
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...given };
    let body: string | undefined;
    if (callOptions.body !== undefined) {
      body = JSON.stringify(callOptions.body);
      headers['content-type'] ??= info.bodyType ?? 'application/json';
    }
    if (info.idempotent && headers['idempotency-key'] === undefined) headers['idempotency-key'] = newIdempotencyKey();
    const explicitVerification = headers['verification-id'] !== undefined;

    let steppedUp = false;
    let rekeyed = false;
    for (;;) {
      // The id the app just returned is sent as it is, whatever the clocks say: the service is the judge.
      const sentVerification = explicitVerification ? undefined : steppedUp ? verification?.id : info.stepUp ? currentVerificationId() : undefined;
      if (sentVerification !== undefined) headers['verification-id'] = sentVerification;
      else if (!explicitVerification) delete headers['verification-id'];
      const response = await exchange(info, url, { method: info.method, headers, body, signal: callOptions.signal });
      const parsed = await readBody(response);
      if (response.ok) {
        remember(info, response, parsed);
        return parsed;
      }
      const problem = AccountProblem.fromResponse(response, parsed, operationId);
      if (isAccountProblem(problem, 'idempotency.not_replayable') && info.idempotent && given['idempotency-key'] === undefined && !rekeyed) {
        // Our retry of a call whose first attempt ran but whose answer was lost and is not kept (it carried a
        // secret): the service asks for the request again under a new key.
        headers['idempotency-key'] = newIdempotencyKey();
        rekeyed = true;
        continue;
      }
      if (!isAccountProblem(problem, 'verification.required')) throw problem;
      // The id sent (if any) is no longer accepted: expired, revoked by a credential change, or used elsewhere.
      if (sentVerification !== undefined && verification?.id === sentVerification) verification = undefined;
      // Once per call: a second 403 means the new id did not do either, and asking again would loop.
      if (steppedUp || explicitVerification || !options.onVerificationRequired) throw problem;
      // A service older than its document might omit the list: give the app an empty one rather than undefined.
      const methods: string[] = Array.isArray(problem.extensions.methods) ? problem.extensions.methods.filter((m) => typeof m === 'string') : [];
      let id: string | undefined;
      if (verification !== undefined && verification.id !== sentVerification) {
        // Another call stepped up while this one was on its way: its id serves this call too.
        id = verification.id;
      } else {
        // Calls that need step-up at the same time share one prompt.
        const onVerificationRequired = options.onVerificationRequired;
        pendingStepUp ??= (async () => {
          try {
            return await onVerificationRequired({ methods, operationId });
          } finally {
            pendingStepUp = undefined;
          }
        })();
        id = await pendingStepUp;
      }
      if (!id) throw problem;
      if (verification?.id !== id) verification = { id, expiresAt: knownExpiries.get(id) };
      steppedUp = true;
    }
  };

  const client = {
    get verificationId() {
      return currentVerificationId();
    },
    clearVerification() {
      verification = undefined;
    },
  } as AccountClient;
  for (const info of operations) {
    Object.defineProperty(client, info.operationId, {
      enumerable: true,
      value: (callOptions?: Partial<CallOptions<OperationId>>) => call(info.operationId, callOptions),
    });
  }
  return client;
}

const byId: ReadonlyMap<string, OperationInfo> = new Map(operations.map((info) => [info.operationId, info]));

export type { SuccessBody };

function expandPath(template: string, path: Record<string, unknown> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = path?.[name];
    if (value === undefined || value === null || value === '') throw new TypeError(`Missing path parameter "${name}" for ${template}`);
    return encodeURIComponent(String(value));
  });
}

function queryString(query: unknown): string {
  if (query === undefined || query === null) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}

/** JSON for JSON answers, undefined for empty ones, the text otherwise (it then becomes client.unexpected_response). */
async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (!/[/+]json\b/i.test(type)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function isInProgress(response: Response): Promise<boolean> {
  const body = await readBody(response.clone());
  return typeof body === 'object' && body !== null && (body as { code?: unknown }).code === 'idempotency.in_progress';
}

/**
 * A random UUID: the service also derives the key that seals a stored response from it, so it must be
 * unguessable. React Native has no `crypto.getRandomValues` of its own: load a polyfill first (README).
 */
interface RandomSource {
  randomUUID?: () => string;
  getRandomValues?: <T extends Uint8Array>(array: T) => T;
}

function newIdempotencyKey(): string {
  const crypto = (globalThis as { crypto?: RandomSource }).crypto;
  if (typeof crypto?.randomUUID === 'function') return crypto.randomUUID();
  if (typeof crypto?.getRandomValues !== 'function') {
    throw new Error('@logto-account-service/client needs crypto.getRandomValues (in React Native: import "react-native-get-random-values" first)');
  }
  const bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b: number) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function delay(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
