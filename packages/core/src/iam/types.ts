/** IAM policy JSON as written by people (the raw document shape). */
export type PolicyEffect = 'Allow' | 'Deny';

/** One or many strings, as IAM allows for Action/Resource and their Not* forms. */
export type StringOrList = string | readonly string[];

export interface PolicyStatement {
  Sid?: string;
  Effect: PolicyEffect;
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface PolicyDocument {
  Version?: '2012-10-17' | '2008-10-17';
  Id?: string;
  Statement: PolicyStatement | readonly PolicyStatement[];
}

/** A statement after `parsePolicy`: lists normalised, wildcard patterns kept as written. */
export interface ParsedStatement {
  /** Position of the statement in its policy's `Statement` list (0-based). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: PolicyEffect;
  /** Exactly one of `actions` / `notActions` is set. */
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  /** Exactly one of `resources` / `notResources` is set. */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Present when the statement has a `Condition` block; such statements are never evaluated. */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** True when a Resource/NotResource pattern uses a policy variable such as `${aws:username}`. */
  readonly usesPolicyVariables: boolean;
}

/** A validated, normalised identity-based policy. */
export interface ParsedPolicy {
  readonly version?: '2012-10-17' | '2008-10-17';
  readonly id?: string;
  readonly statements: readonly ParsedStatement[];
}

/** What is being authorised: an IAM action (`service:Action`) on one resource ARN (or `*`). */
export interface EvaluationRequest {
  readonly action: string;
  readonly resource: string;
}

export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** A statement that applies to the request, located by policy and statement index. */
export interface StatementMatch {
  /** Index of the policy in the list passed to `evaluatePolicy`. */
  readonly policyIndex: number;
  /** Index of the statement inside that policy. */
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: PolicyEffect;
  readonly statement: ParsedStatement;
}

/** Why a statement that otherwise matches the request was left out of the decision. */
export type NotEvaluatedReason = 'condition' | 'policy-variable';

export interface NotEvaluatedStatement extends StatementMatch {
  readonly reason: NotEvaluatedReason;
}

export interface PolicyEvaluation {
  /** `explicit-deny` if any matching Deny applies, else `allow` if any matching Allow applies, else `implicit-deny`. */
  readonly decision: PolicyDecision;
  /** Every statement (Allow and Deny) whose action and resource match the request and that was evaluated. */
  readonly matchedStatements: readonly StatementMatch[];
  /**
   * Statements whose action and resource match the request but that were skipped:
   * a `Condition` block, or a policy variable in the resource (not modelled). A caller can
   * report these as "not evaluated" — the real decision may differ.
   */
  readonly notEvaluated: readonly NotEvaluatedStatement[];
}

/** One problem found in a policy document; `path` is like `Statement[1].Resource[0]`. */
export interface PolicyIssue {
  readonly path: string;
  readonly message: string;
}
