import type { SecretsManagerClient, SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import { RegionalClients } from './clients.js';
import type { SecretIssue, SecretWarning } from './codes.js';
import { SecretResolutionError } from './errors.js';
import { Extractor } from './extract.js';
import { runPlan, type FetchOutcome } from './fetch.js';
import { collectReferences, splitOptional, type EntryInput } from './collect.js';
import type { ReferenceMatch } from './grammar.js';
import { describeFailure } from './hints.js';
import { createDeadline, createLimiter } from './limit.js';
import { planFetch, type FetchTarget } from './plan.js';
import type { ResolutionReport, ResolvedEntry } from './report.js';

export interface ResolveOptions {
  /** A SecretsManagerClient to use for its region (other regions get clients with its settings). */
  client?: SecretsManagerClient;
  /** Config for the clients secretref creates (ignored for the region of `client`). */
  clientConfig?: SecretsManagerClientConfig;
  /** Region for references by name. Default: the client's region, else the SDK chain (AWS_REGION, profile). */
  region?: string;
  /** API calls in flight at once. Default 5. */
  concurrency?: number;
  /** One deadline for the whole resolution, in ms. Default 10000. */
  timeoutMs?: number;
  /**
   * When BatchGetSecretValue itself is denied: 'get-secret-value' (default) reads each secret with
   * GetSecretValue and adds a warning naming the missing grant; 'error' fails with BATCH_ACCESS_DENIED.
   */
  fallback?: 'get-secret-value' | 'error';
  /** Keys (env names or config paths) whose failure is a warning; they stay unset. INVALID_REFERENCE is never optional. */
  optional?: string[];
  /** Aborts the resolution (reported as TIMEOUT). */
  signal?: AbortSignal;
}

export type { EntryInput } from './collect.js';

export interface EntriesResult {
  /** Resolved values of the keys that held references. */
  values: Map<string, string>;
  /** Optional keys that failed: they must stay unset. */
  unset: string[];
  report: ResolutionReport;
}

export const DEFAULTS = { concurrency: 5, timeoutMs: 10_000, fallback: 'get-secret-value' } as const;

/**
 * The engine behind resolveEnv and resolveConfig: collect → parse → plan → fetch → extract →
 * substitute → report. Throws SecretResolutionError once, with every issue, if any required key failed.
 */
export async function resolveEntries(entries: EntryInput[], options: ResolveOptions = {}): Promise<EntriesResult> {
  const started = performance.now();
  const timeoutMs = positiveInteger(options.timeoutMs, DEFAULTS.timeoutMs, 'timeoutMs', MAX_TIMER_MS);
  const concurrency = positiveInteger(options.concurrency, DEFAULTS.concurrency, 'concurrency', 1000);
  const fallback = options.fallback ?? DEFAULTS.fallback;
  if (fallback !== 'get-secret-value' && fallback !== 'error') {
    throw new TypeError(`secretref: fallback must be 'get-secret-value' or 'error', got ${JSON.stringify(fallback)}`);
  }
  const optional = new Set(options.optional ?? []);
  const warnings: SecretWarning[] = [];
  const { occurrences, perKey, issues, keys } = collectReferences(entries);

  const clients = new RegionalClients(options);
  const deadline = createDeadline(timeoutMs, options.signal);
  let outcome: FetchOutcome | undefined;
  let plan = planFetch([], undefined);
  try {
    if (occurrences.length) {
      const needsDefault = occurrences.some((o) => !o.reference.region);
      const defaultRegion = needsDefault ? await Promise.race([clients.defaultRegion(), deadline.expired.then(() => undefined)]) : undefined;
      plan = planFetch(occurrences, defaultRegion);
      outcome = await runPlan(plan, {
        clientFor: (r) => clients.clientFor(r),
        limit: createLimiter(concurrency),
        deadline,
        fallback,
      });
    }
  } finally {
    deadline.clear();
    clients.destroy();
  }

  const values = new Map<string, string>();
  const failedKeys = new Set<string>();
  const resolved: ResolvedEntry[] = [];
  let resolvedReferences = 0;
  if (outcome) {
    const substituted = substitute(plan.targets, outcome, perKey, { timeoutMs, abortedByCaller: deadline.abortedByCaller }, issues, resolved);
    resolvedReferences = substituted.resolvedReferences;
    for (const k of substituted.failedKeys) failedKeys.add(k);
    for (const [k, v] of substituted.values) if (!failedKeys.has(k)) values.set(k, v);
    warnings.push(...fallbackWarnings(outcome, timeoutMs));
  }

  // Optional keys: their failures become warnings and the keys stay unset.
  const split = splitOptional(issues, optional);
  const required = split.issues;
  warnings.push(...split.warnings);
  const unset = [...failedKeys].filter((k) => optional.has(k));

  const report: ResolutionReport = {
    ok: required.length === 0,
    references: occurrences.length,
    resolvedReferences,
    keys,
    secrets: plan.targets.length,
    calls: outcome?.calls ?? { BatchGetSecretValue: 0, GetSecretValue: 0 },
    regions: [...new Set(plan.targets.map((t) => t.region).filter((r): r is string => Boolean(r)))].sort(),
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    resolved,
    issues: required,
    warnings,
  };
  if (!report.ok) throw new SecretResolutionError(report);
  return { values, unset, report };
}

function substitute(
  targets: FetchTarget[],
  outcome: FetchOutcome,
  perKey: Map<string, { value: string; matches: ReferenceMatch[] }>,
  { timeoutMs, abortedByCaller }: { timeoutMs: number; abortedByCaller: boolean },
  issues: SecretIssue[],
  resolved: ResolvedEntry[],
): { values: Map<string, string>; failedKeys: Set<string>; resolvedReferences: number } {
  const extractor = new Extractor();
  const replacement = new Map<string, Map<number, string>>(); // key → match index → value
  const failedKeys = new Set<string>();
  let resolvedReferences = 0;
  for (const t of targets) {
    const fetched = outcome.fetched.get(t.id);
    const failure = outcome.failures.get(t.id);
    const accountId = t.occurrences[0]?.reference.accountId ?? (t.region ? outcome.accounts.get(t.region) : undefined);
    if (!fetched) {
      const f = failure ?? { code: 'AWS_ERROR' as const, via: 'BatchGetSecretValue' as const };
      const keys = unique(t.occurrences.map((o) => o.key));
      keys.forEach((k) => failedKeys.add(k));
      const d = describeFailure(f, { secretId: t.secretId, region: t.region, accountId, timeoutMs, abortedByCaller, ...pin(t) });
      issues.push(clean({ code: f.code, keys, secretId: t.secretId, region: t.region, awsErrorCode: f.awsErrorCode, requestId: f.requestId, message: d.message, hint: d.hint }));
      continue;
    }
    const extractIssues = new Map<string, SecretIssue>();
    for (const occ of t.occurrences) {
      const ref = occ.reference;
      const x = extractor.extract(fetched, t.secretId, ref.jsonKey);
      if (!x.ok) {
        failedKeys.add(occ.key);
        const id = `${x.code}\u0000${ref.jsonKey ?? ''}`;
        const existing = extractIssues.get(id);
        if (existing) {
          if (!existing.keys.includes(occ.key)) existing.keys.push(occ.key);
        } else {
          extractIssues.set(id, clean({ code: x.code, keys: [occ.key], secretId: t.secretId, jsonKey: ref.jsonKey, region: t.region, message: x.message, hint: x.hint }));
        }
        continue;
      }
      resolvedReferences++;
      const idx = perKey.get(occ.key)?.matches.findIndex((m) => m.reference === ref) ?? -1;
      let slot = replacement.get(occ.key);
      if (!slot) replacement.set(occ.key, (slot = new Map()));
      slot.set(idx, x.value);
      resolved.push(clean({
        key: occ.key, secretId: t.secretId, jsonKey: ref.jsonKey, region: t.region, arn: fetched.arn, name: fetched.name,
        versionId: fetched.versionId, versionStages: fetched.versionStages,
        via: viaOf(outcome, t),
      }));
    }
    issues.push(...extractIssues.values());
  }
  const values = new Map<string, string>();
  for (const [key, { value, matches }] of perKey) {
    if (failedKeys.has(key)) continue;
    const slot = replacement.get(key);
    if (!slot) continue;
    let out = '';
    let at = 0;
    matches.forEach((m, i) => {
      out += value.slice(at, m.start) + (slot.get(i) ?? '');
      at = m.end;
    });
    values.set(key, out + value.slice(at));
  }
  return { values, failedKeys, resolvedReferences };
}

function viaOf(outcome: FetchOutcome, t: FetchTarget): ResolvedEntry['via'] {
  if (t.versionStage || t.versionId) return 'GetSecretValue';
  return outcome.warnings.some((w) => w.targets.includes(t)) ? 'GetSecretValue' : 'BatchGetSecretValue';
}

/** One warning per region and kind, however many chunks fell back. */
function fallbackWarnings(outcome: FetchOutcome, timeoutMs: number): SecretWarning[] {
  const merged = new Map<string, FetchOutcome['warnings'][number]>();
  for (const w of outcome.warnings) {
    const id = `${w.kind}\u0000${w.region}\u0000${w.failure.awsErrorCode ?? ''}`;
    const m = merged.get(id);
    if (m) merged.set(id, { ...m, targets: [...m.targets, ...w.targets] });
    else merged.set(id, w);
  }
  return [...merged.values()].map((w) => {
    const keys = unique(w.targets.flatMap((t) => t.occurrences.map((o) => o.key)));
    const n = w.targets.length;
    if (w.kind === 'batch-denied-fallback') {
      const d = describeFailure({ ...w.failure, code: 'BATCH_ACCESS_DENIED', via: 'BatchGetSecretValue' }, { secretId: '*', region: w.region, accountId: undefined, timeoutMs });
      return clean({
        code: 'BATCH_ACCESS_DENIED' as const, keys, region: w.region, awsErrorCode: w.failure.awsErrorCode,
        message: `BatchGetSecretValue was denied in ${w.region}; read ${n} secret${n === 1 ? '' : 's'} with ${n} GetSecretValue call${n === 1 ? '' : 's'} instead`,
        hint: d.hint?.replace(/, or set fallback.*$/, ` to read them in ${Math.ceil(n / 20)} call${n > 20 ? 's' : ''}`),
      });
    }
    return clean({
      code: 'AWS_ERROR' as const, keys, region: w.region, awsErrorCode: w.failure.awsErrorCode,
      message: `BatchGetSecretValue failed as a whole in ${w.region} (${w.failure.awsErrorCode}); read the ${n} secret${n === 1 ? '' : 's'} one by one to find which failed`,
    });
  });
}

function pin(t: FetchTarget): { versionStage?: string; versionId?: string } {
  const p: { versionStage?: string; versionId?: string } = {};
  if (t.versionStage) p.versionStage = t.versionStage;
  if (t.versionId) p.versionId = t.versionId;
  return p;
}

/** Node fires a timer longer than this after 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

function positiveInteger(value: number | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > max) {
    throw new TypeError(`secretref: ${name} must be a whole number from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Drops undefined fields so reports serialise the same way they inspect. */
function clean<T extends object>(obj: T): T {
  for (const k of Object.keys(obj) as Array<keyof T>) if (obj[k] === undefined) delete obj[k];
  return obj;
}
