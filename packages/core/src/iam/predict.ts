import { grantResourceFor, parseSecretArn, partitionOf } from '../arn.js';
import type { SecretIssue, SecretWarning } from '../codes.js';
import { collectReferences, splitOptional, type EntryInput } from '../collect.js';
import { explicitDenyHint } from '../hints.js';
import { planFetch, type FetchTarget } from '../plan.js';
import type { ResolutionReport } from '../report.js';
import { evaluatePolicy } from './evaluate-policy.js';
import type { ParsedPolicy, PolicyEvaluation } from './types.js';

export interface PredictOptions {
  /** Region of references by name. Default: none (they are reported NO_REGION). */
  region?: string;
  /** Account of references by name; default: the single account the policies name, else a warning. */
  accountId?: string;
  /** As in resolveEnv: what happens when BatchGetSecretValue is denied. Default 'get-secret-value'. */
  fallback?: 'get-secret-value' | 'error';
  /** As in resolveEnv: keys whose predicted failure is a warning (INVALID_REFERENCE never is). */
  optional?: string[];
}

export interface Prediction {
  /** The report a real boot would give, as far as identity policies decide it (no AWS call is made). */
  report: ResolutionReport;
  /** Statements that matched but could not be evaluated (Condition, policy variables): the real answer may differ. */
  notEvaluated: Array<{ action: string; resource: string; statement: string; reason: string }>;
  /** Assumptions the prediction made (account, ARN suffixes). */
  assumptions: string[];
}

const SYNTHETIC_SUFFIX = 'Xx0Xx0';

/**
 * Predicts, from identity policies alone, what a boot with these references would report:
 * BatchGetSecretValue on `*` per region, then GetSecretValue on each secret's ARN. A statement that
 * cannot be evaluated (a Condition) is never counted as allowing anything: it is listed in
 * `notEvaluated`. Not modelled: resource policies, KMS key policies, SCPs, permission boundaries,
 * whether the secrets exist.
 */
export function predictResolution(entries: EntryInput[], policies: readonly ParsedPolicy[], options: PredictOptions = {}): Prediction {
  const started = performance.now();
  const warnings: SecretWarning[] = [];
  const { occurrences, issues, keys } = collectReferences(entries);
  const assumptions: string[] = [];
  const account = options.accountId ?? policyAccount(policies, assumptions);
  const plan = planFetch(occurrences, options.region);
  const notEvaluated: Prediction['notEvaluated'] = [];
  const evaluate = (action: string, resource: string): PolicyEvaluation => {
    const result = evaluatePolicy(policies, { action, resource });
    for (const n of result.notEvaluated) {
      notEvaluated.push({ action, resource, statement: `policy ${n.policyIndex + 1} Statement[${n.statementIndex}]${n.sid ? ` (${n.sid})` : ''}`, reason: n.reason });
    }
    return result;
  };
  let resolvedReferences = 0;
  const resolved: ResolutionReport['resolved'] = [];
  for (const rp of plan.regions) {
    const all = [...rp.batches.flat(), ...rp.pinned];
    if (rp.region === undefined) {
      for (const t of all) issues.push(targetIssue(t, 'NO_REGION', `no AWS region is configured to read "${t.secretId}"`, 'pass --region (or set AWS_REGION), or reference the secret by its full ARN'));
      continue;
    }
    const region = rp.region;
    let batchTargets = rp.batches.flat();
    let viaBatch = batchTargets.length > 0;
    if (viaBatch) {
      const batch = evaluate('secretsmanager:BatchGetSecretValue', '*');
      if (batch.decision !== 'allow') {
        const message = `BatchGetSecretValue would be denied in ${region} (${explain(batch)})`;
        const hint = 'allow secretsmanager:BatchGetSecretValue on "*" (it cannot be scoped to secrets)';
        const batchKeys = unique(batchTargets.flatMap((t) => t.occurrences.map((o) => o.key)));
        if (options.fallback === 'error') {
          for (const t of batchTargets) issues.push(targetIssue(t, 'BATCH_ACCESS_DENIED', message, hint));
          viaBatch = false;
          batchTargets = [];
        } else {
          warnings.push({ code: 'BATCH_ACCESS_DENIED', keys: batchKeys, region, message: `${message}; each secret would be read with GetSecretValue instead`, hint });
          viaBatch = false;
        }
      }
    }
    for (const t of [...batchTargets, ...rp.pinned]) {
      const { arn, synthetic } = concreteArn(t.secretId, region, account, policies);
      const shown = synthetic ? `${arn.slice(0, -SYNTHETIC_SUFFIX.length)}??????` : arn;
      const get = evaluate('secretsmanager:GetSecretValue', arn);
      if (get.decision === 'allow') {
        for (const o of t.occurrences) {
          resolvedReferences++;
          resolved.push({ key: o.key, secretId: t.secretId, region, ...(synthetic ? {} : { arn }), via: t.versionStage || t.versionId || !viaBatch ? 'GetSecretValue' : 'BatchGetSecretValue', ...(o.reference.jsonKey ? { jsonKey: o.reference.jsonKey } : {}) });
        }
        continue;
      }
      const resource = grantResourceFor(t.secretId, region, account);
      const grant = `allow secretsmanager:GetSecretValue on ${resource}`;
      const hint = get.decision === 'explicit-deny'
        ? explicitDenyHint(resource)
        : viaBatch ? `${grant}\n(BatchGetSecretValue does not grant access to any secret by itself)` : grant;
      issues.push({
        ...targetIssue(t, 'SECRET_ACCESS_DENIED', `GetSecretValue on ${shown} would be denied (${explain(get)})`, hint),
        awsErrorCode: 'AccessDeniedException',
      });
    }
  }
  const split = splitOptional(issues, new Set(options.optional ?? []));
  warnings.push(...split.warnings);
  const report: ResolutionReport = {
    ok: split.issues.length === 0,
    references: occurrences.length,
    resolvedReferences,
    keys,
    secrets: plan.targets.length,
    calls: { BatchGetSecretValue: 0, GetSecretValue: 0 },
    regions: [...new Set(plan.targets.map((t) => t.region).filter((r): r is string => Boolean(r)))].sort(),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    resolved,
    issues: split.issues,
    warnings,
  };
  return { report, notEvaluated, assumptions };
}

function targetIssue(t: FetchTarget, code: SecretIssue['code'], message: string, hint: string): SecretIssue {
  const issue: SecretIssue = { code, keys: unique(t.occurrences.map((o) => o.key)), secretId: t.secretId, message, hint };
  if (t.region) issue.region = t.region;
  return issue;
}

function explain(e: PolicyEvaluation): string {
  if (e.decision === 'explicit-deny') {
    const d = e.matchedStatements.find((m) => m.effect === 'Deny');
    return `explicitly denied by policy ${(d?.policyIndex ?? 0) + 1} Statement[${d?.statementIndex ?? 0}]${d?.sid ? ` (${d.sid})` : ''}`;
  }
  return e.notEvaluated.some((n) => n.effect === 'Allow')
    ? 'only a statement that was not evaluated (Condition) could allow it'
    : 'no statement allows it';
}

/**
 * The ARN to evaluate for a secret id. A name or partial ARN has an unknown random suffix: when a
 * policy names the full ARN literally, that suffix is used; otherwise a placeholder suffix, which
 * `-??????` and `*` patterns match as they match the real one.
 */
function concreteArn(secretId: string, region: string, account: string, policies: readonly ParsedPolicy[]): { arn: string; synthetic: boolean } {
  const arn = parseSecretArn(secretId);
  if (arn?.hasSuffix) return { arn: secretId, synthetic: false };
  const base = arn ? secretId : `arn:${partitionOf(region)}:secretsmanager:${region}:${account}:secret:${secretId}`;
  for (const p of policies) {
    for (const s of p.statements) {
      for (const r of s.resources ?? []) {
        if (r.startsWith(`${base}-`) && r.length === base.length + 7 && /^[A-Za-z0-9]{6}$/.test(r.slice(-6))) return { arn: r, synthetic: false };
      }
    }
  }
  return { arn: `${base}-${SYNTHETIC_SUFFIX}`, synthetic: true };
}

function policyAccount(policies: readonly ParsedPolicy[], assumptions: string[]): string {
  const accounts = new Set<string>();
  for (const p of policies) {
    for (const s of p.statements) {
      for (const r of [...(s.resources ?? []), ...(s.notResources ?? [])]) {
        const m = /^arn:[^:]+:secretsmanager:[^:]*:(\d{12}):/.exec(r);
        if (m?.[1]) accounts.add(m[1]);
      }
    }
  }
  if (accounts.size === 1) {
    const [only] = accounts as Set<string> & Iterable<string>;
    assumptions.push(`secrets referenced by name are assumed to be in account ${only!}, the one the policy names (pass --account to set it)`);
    return only!;
  }
  assumptions.push(
    accounts.size
      ? `the policy names several accounts (${[...accounts].join(', ')}); secrets referenced by name are assumed to be in account 000000000000 — pass --account`
      : 'no account is known for secrets referenced by name; assumed 000000000000 — pass --account',
  );
  return '000000000000';
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
