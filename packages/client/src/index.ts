export { createAccountClient } from './client.js';
export type { AccountClient, AccountClientOptions, RetryOptions, VerificationRequiredContext } from './client.js';
export { AccountProblem, isAccountProblem, UNEXPECTED_RESPONSE } from './problem.js';
export type { ClientProblemCode, ProblemCode, ProblemExtensions } from './problem.js';
export { operations } from './generated/operations.js';
export type { OperationId, OperationInfo } from './generated/operations.js';
export type { AccountOperations, CallOptions, CommonCallOptions, SuccessBody } from './types.js';
export type { components, operations as OperationTypes, paths } from './generated/openapi.js';
