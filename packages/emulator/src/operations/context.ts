import type { Authorizer, Caller } from '../iam-check.js';
import type { SecretStore } from '../store.js';

/** Counters an operation bumps besides the per-request ones. */
export interface ReadCounters {
  /** One per secret read attempted (GetSecretValue, or one entry of BatchGetSecretValue). */
  secretRead(): void;
  /** One per secret value returned. */
  valueReturned(): void;
}

/** Everything an operation handler may use. */
export interface OperationContext {
  readonly store: SecretStore;
  readonly authorizer: Authorizer;
  readonly caller: Caller;
  readonly counters: ReadCounters;
  /** Entries per BatchGetSecretValue page for SecretIdList requests (20 = never truncated). */
  readonly batchPageSize: number;
}

/** Takes the parsed JSON body, returns the JSON response, or throws a ServiceError. */
export type OperationHandler = (ctx: OperationContext, body: unknown) => Record<string, unknown>;
