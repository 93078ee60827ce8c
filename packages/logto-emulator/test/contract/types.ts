/**
 * Contract-replay harness types. Each recorded exchange in ../shared/logto/exchanges has a case
 * that prepares the emulator, binds the file's placeholders (`{userId}` -> a real id) and may
 * adjust how the recorded request is replayed.
 */
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';

export interface RecordedRequest {
  method: string;
  path: string;
  pathParams?: Record<string, string> | null;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface Exchange {
  name: string;
  description: string;
  request: RecordedRequest;
  response: RecordedResponse;
  recordedVia?: string;
}

export interface DecodedJwt {
  name: string;
  kind: 'decoded-jwt';
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** What a case's setup gets. */
export interface CaseContext {
  emu: LogtoEmulator;
  exchange: Exchange;
  /** A fresh `client_credentials` token for the management resource with scope `all`. */
  m2mToken(): Promise<string>;
}

export interface CaseBindings {
  /** placeholder name without braces -> value, e.g. `{ userId: 'a1b2c3d4e5f6' }` */
  placeholders?: Record<string, string>;
  /** `<redacted:kind>` label (the `kind`) -> value to send, e.g. `{ 'verification-code': '123456' }` */
  redacted?: Record<string, string>;
  /** Replaces the recorded Authorization header (`null` sends none). Default: see runner. */
  authorization?: string | null;
}

export interface ContractCase {
  setup?: (c: CaseContext) => Promise<CaseBindings | void> | CaseBindings | void;
  /** Extra checks after the generic comparison. */
  verify?: (c: CaseContext, response: { status: number; headers: Record<string, string>; body: unknown }) => Promise<void> | void;
}

export type CaseRegistry = Record<string, ContractCase>;
