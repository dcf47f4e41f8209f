import { ServiceError, internalError, serialization } from './errors.js';
import type { Authorizer, Caller } from './iam-check.js';
import { describeJsonError } from './json-error.js';
import { OPERATIONS } from './operations/index.js';
import { isOperationName, type OperationName } from './operations/names.js';
import type { StatsRecorder } from './stats.js';
import type { SecretStore } from './store.js';

/** The state one request is answered from. */
export interface Runtime {
  readonly store: SecretStore;
  readonly authorizer: Authorizer;
  readonly stats: StatsRecorder;
  readonly batchPageSize: number;
  /** Warnings for the `log` callback (never carries secret values). */
  readonly warn: (message: string) => void;
}

export interface DispatchResult {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly errorType?: string;
  /** For logs: the caller's ARN, else its access key id, else "anonymous". */
  readonly caller: string;
}

const TARGET_PREFIX = 'secretsmanager.';
const OTHER_AWS_OPERATIONS = new Set([
  'CancelRotateSecret', 'DeleteResourcePolicy', 'GetRandomPassword', 'GetResourcePolicy', 'ListSecretVersionIds',
  'PutResourcePolicy', 'RemoveRegionsFromReplication', 'ReplicateSecretToRegions', 'RestoreSecret', 'RotateSecret',
  'StopReplicationToReplica', 'TagResource', 'UntagResource', 'UpdateSecret', 'ValidateResourcePolicy',
]);

/** The operation named by an `X-Amz-Target` header, if it is one the emulator implements. */
export function operationOf(target: string | undefined): OperationName | undefined {
  if (target === undefined || !target.startsWith(TARGET_PREFIX)) return undefined;
  const name = target.slice(TARGET_PREFIX.length);
  return isOperationName(name) ? name : undefined;
}

function unknownOperation(target: string | undefined): ServiceError {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  if (name !== undefined && OTHER_AWS_OPERATIONS.has(name)) {
    return new ServiceError('UnknownOperationException', `secretref-emulator does not implement ${name}`);
  }
  const shown = target === undefined ? 'missing X-Amz-Target header' : `X-Amz-Target ${target.slice(0, 128)}`;
  return new ServiceError('UnknownOperationException', `Unknown operation (${shown})`);
}

function errorResult(error: ServiceError, caller: string): DispatchResult {
  return { status: error.status, body: { __type: error.type, Message: error.message }, errorType: error.type, caller };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Answers one request: operation, caller, JSON body, handler. Never throws. */
export function dispatch(runtime: Runtime, target: string | undefined, authorization: string | undefined, rawBody: string | Uint8Array): DispatchResult {
  let callerLabel = 'anonymous';
  try {
    const operation = operationOf(target);
    if (operation === undefined) throw unknownOperation(target);
    let caller: Caller;
    try {
      caller = runtime.authorizer.identify(authorization);
    } catch (error) {
      callerLabel = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1] ?? 'anonymous';
      throw error;
    }
    callerLabel = caller.arn;
    let bodyText: string;
    try {
      // JSON is UTF-8; a lenient decode would silently store U+FFFD in place of the bad bytes.
      bodyText = typeof rawBody === 'string' ? rawBody : UTF8.decode(rawBody);
    } catch {
      throw serialization('The request body is not valid UTF-8');
    }
    let body: unknown = {};
    if (bodyText.trim() !== '') {
      try {
        body = JSON.parse(bodyText);
      } catch (error) {
        throw serialization(`The request body is ${describeJsonError(error, bodyText)}`);
      }
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw serialization('The request body must be a JSON object');
    }
    const ctx = { store: runtime.store, authorizer: runtime.authorizer, caller, counters: runtime.stats, batchPageSize: runtime.batchPageSize };
    return { status: 200, body: OPERATIONS[operation](ctx, body), caller: callerLabel };
  } catch (error) {
    if (error instanceof ServiceError) return errorResult(error, callerLabel);
    // A bug in the emulator: answer like AWS would, and say so without the message (it might quote input).
    runtime.warn(`internal error (${error instanceof Error ? error.name : typeof error}) answering ${target ?? 'a request'}`);
    return errorResult(internalError(), callerLabel);
  }
}
