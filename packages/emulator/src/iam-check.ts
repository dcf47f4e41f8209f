import { evaluatePolicy } from '@secretref/core/iam';
import { ServiceError } from './errors.js';
import type { ResolvedCaller } from './seed.js';

/** Who sent a request. `policies: undefined` means IAM is off (no callers in the seed): all allowed. */
export interface Caller {
  readonly accessKeyId: string | undefined;
  readonly arn: string;
  readonly policies: ResolvedCaller['policies'] | undefined;
}

export type AccessResult = 'allow' | 'explicit-deny' | 'implicit-deny';

const CREDENTIAL = /Credential=([^/,\s]+)\//;

/** The access key id from a SigV4 `Authorization` header (the signature itself is not verified). */
export function accessKeyIdOf(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  return CREDENTIAL.exec(authorization)?.[1];
}

/** Resolves callers and evaluates their identity policies (Conditions are not evaluated). */
export class Authorizer {
  private readonly callers: ReadonlyMap<string, ResolvedCaller> | undefined;
  private readonly accountId: string;
  private readonly warn: (message: string) => void;
  private readonly warned = new Set<string>();

  constructor(callers: readonly ResolvedCaller[] | undefined, accountId: string, warn: (message: string) => void) {
    this.callers = callers === undefined ? undefined : new Map(callers.map((c) => [c.accessKeyId, c]));
    this.accountId = accountId;
    this.warn = warn;
  }

  /** The caller for a request's Authorization header; throws like AWS for a missing or unknown key. */
  identify(authorization: string | undefined): Caller {
    const accessKeyId = accessKeyIdOf(authorization);
    if (this.callers === undefined) {
      return { accessKeyId, arn: `arn:aws:iam::${this.accountId}:root`, policies: undefined };
    }
    if (authorization === undefined || authorization === '') {
      throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    const caller = accessKeyId === undefined ? undefined : this.callers.get(accessKeyId);
    if (caller === undefined) {
      throw new ServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
    return { accessKeyId, arn: caller.arn, policies: caller.policies };
  }

  check(caller: Caller, action: string, resource: string): AccessResult {
    if (caller.policies === undefined) return 'allow';
    const result = evaluatePolicy(caller.policies, { action, resource });
    for (const skipped of result.notEvaluated) {
      const key = `${caller.accessKeyId ?? ''}\u0000${skipped.policyIndex}\u0000${skipped.statementIndex}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      const sid = skipped.sid === undefined ? '' : ` (Sid ${skipped.sid})`;
      const why = skipped.reason === 'condition' ? 'has a Condition' : 'uses a policy variable';
      this.warn(
        `policy ${skipped.policyIndex} statement ${skipped.statementIndex}${sid} of ${caller.arn} ${why}; ` +
          'the emulator does not evaluate it, so the statement is ignored',
      );
    }
    return result.decision;
  }

  /** Throws AccessDeniedException unless `caller` may perform `action` on `resource`. */
  require(caller: Caller, action: string, resource: string): void {
    const result = this.check(caller, action, resource);
    if (result !== 'allow') throw accessDenied(caller, action, resource, result);
  }
}

/** AWS's AccessDenied wording; `*` resources are not named. */
export function accessDeniedMessage(caller: Caller, action: string, resource: string, result: AccessResult): string {
  const on = resource === '*' ? '' : ` on resource: ${resource}`;
  const why =
    result === 'explicit-deny'
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
  return `User: ${caller.arn} is not authorized to perform: ${action}${on} ${why}`;
}

export function accessDenied(caller: Caller, action: string, resource: string, result: AccessResult): ServiceError {
  return new ServiceError('AccessDeniedException', accessDeniedMessage(caller, action, resource, result));
}
