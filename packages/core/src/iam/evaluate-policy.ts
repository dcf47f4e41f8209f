import type {
  EvaluationRequest,
  NotEvaluatedStatement,
  ParsedPolicy,
  ParsedStatement,
  PolicyDecision,
  PolicyEvaluation,
  StatementMatch,
} from './types.js';
import { matchAction, matchResource } from './wildcard.js';

function actionApplies(statement: ParsedStatement, action: string): boolean {
  if (statement.actions) return statement.actions.some((p) => matchAction(p, action));
  return !(statement.notActions ?? []).some((p) => matchAction(p, action));
}

function resourceApplies(statement: ParsedStatement, resource: string): boolean {
  if (statement.resources) return statement.resources.some((p) => matchResource(p, resource));
  return !(statement.notResources ?? []).some((p) => matchResource(p, resource));
}

/**
 * Evaluates identity-based policies for one action on one resource, the way IAM does for a
 * single principal with no resource policy, permission boundary or SCP:
 * an explicit Deny wins, then any Allow, else the default (implicit) deny.
 *
 * Pure: no I/O, no logging. A statement with a `Condition` (or a policy variable in its
 * resource) is never applied; if its action and resource otherwise match, it is returned in
 * `notEvaluated` so callers can say the answer may differ in AWS.
 */
export function evaluatePolicy(
  policies: ParsedPolicy | readonly ParsedPolicy[],
  request: EvaluationRequest,
): PolicyEvaluation {
  const list: readonly ParsedPolicy[] = Array.isArray(policies) ? policies : [policies as ParsedPolicy];
  const matchedStatements: StatementMatch[] = [];
  const notEvaluated: NotEvaluatedStatement[] = [];
  list.forEach((policy, policyIndex) => {
    for (const statement of policy.statements) {
      if (!actionApplies(statement, request.action)) continue;
      const match: StatementMatch = {
        policyIndex,
        statementIndex: statement.index,
        ...(statement.sid !== undefined ? { sid: statement.sid } : {}),
        effect: statement.effect,
        statement,
      };
      if (statement.usesPolicyVariables) {
        notEvaluated.push({ ...match, reason: 'policy-variable' });
        continue;
      }
      if (!resourceApplies(statement, request.resource)) continue;
      if (statement.condition !== undefined) {
        notEvaluated.push({ ...match, reason: 'condition' });
        continue;
      }
      matchedStatements.push(match);
    }
  });
  let decision: PolicyDecision = 'implicit-deny';
  if (matchedStatements.some((m) => m.effect === 'Deny')) decision = 'explicit-deny';
  else if (matchedStatements.some((m) => m.effect === 'Allow')) decision = 'allow';
  return { decision, matchedStatements, notEvaluated };
}
