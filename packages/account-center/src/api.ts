import { AccountProblem, createAccountClient, isAccountProblem, UNEXPECTED_RESPONSE, type AccountClient, type ProblemCode } from '@logto-account-service/client';
import { passwordRuleMessages, problemMessages, fill, t } from './messages.js';

export { AccountProblem, createAccountClient, isAccountProblem, type AccountClient, type ProblemCode };

/** Thrown when the user closes the step-up dialog instead of confirming. */
export class StepUpCancelled extends Error {
  constructor() {
    super('step-up cancelled');
  }
}

export interface DescribedError {
  message: string;
  requestId?: string;
  /** For password.rejected: one line per violated rule. */
  rules?: string[];
}

/** What to tell the user about a failed call: never the raw detail, always a catalogue message. */
export function describeError(error: unknown): DescribedError {
  if (error instanceof StepUpCancelled) return { message: t('stepUp.cancelled') };
  if (isAccountProblem(error)) {
    const code = error.code;
    // client.unexpected_response: something between here and the service (a proxy's HTML error page) answered.
    const message =
      code === UNEXPECTED_RESPONSE ? t('error.unexpected') : Object.prototype.hasOwnProperty.call(problemMessages, code) ? problemMessages[code] : t('error.generic');
    const described: DescribedError = { message, requestId: error.requestId };
    const issues = extensionOf(error, 'issues');
    if (code === 'password.rejected' && Array.isArray(issues)) {
      described.rules = issues.map((issue: { code?: string; interpolation?: Record<string, string | number> }) =>
        fill(passwordRuleMessages[issue.code ?? ''] ?? problemMessages['password.rejected'], issue.interpolation ?? {}),
      );
    }
    return described;
  }
  // fetch rejects with a TypeError when the service cannot be reached at all.
  if (error instanceof TypeError) return { message: t('error.network') };
  return { message: t('error.generic') };
}

function extensionOf(error: AccountProblem, name: string): unknown {
  return (error.extensions as Record<string, unknown>)[name];
}
