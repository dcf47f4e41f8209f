import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { accountFromText, parseSecretArn, secretIdMatches } from './arn.js';
import { classifySdkError, secretErrorCode, type AwsFailure } from './aws-errors.js';
import type { Deadline } from './limit.js';
import type { FetchPlan, FetchTarget, RegionPlan } from './plan.js';

/** A fetched secret version. The value fields are the value channel: they never reach a report. */
export interface FetchedSecret {
  arn?: string;
  name?: string;
  versionId?: string;
  versionStages?: string[];
  secretString?: string;
  secretBinary?: Uint8Array;
}

/** Why a target could not be fetched, and through which operation. */
export interface TargetFailure extends AwsFailure {
  via: 'BatchGetSecretValue' | 'GetSecretValue';
}

export interface FetchWarning {
  kind: 'batch-denied-fallback' | 'batch-error-fallback';
  region: string;
  targets: FetchTarget[];
  failure: AwsFailure;
}

export type CallCounts = { BatchGetSecretValue: number; GetSecretValue: number };

export interface FetchContext {
  clientFor(region: string): SecretsManagerClient;
  limit<T>(fn: () => Promise<T>): Promise<T>;
  deadline: Deadline;
  fallback: 'get-secret-value' | 'error';
}

export interface FetchOutcome {
  fetched: Map<string, FetchedSecret>;
  failures: Map<string, TargetFailure>;
  warnings: FetchWarning[];
  calls: CallCounts;
  /** Account ids learnt per region (from returned ARNs and denial messages), for IAM hints. */
  accounts: Map<string, string>;
}

/** Pages a SecretIdList request may return before we call the response malformed. */
const MAX_PAGES = 50;

/** Whole-call errors that name no secret: retried per secret so each failure is attributed. */
const ATTRIBUTE_PER_SECRET = new Set([
  'ResourceNotFoundException', 'InvalidRequestException', 'DecryptionFailure', 'InvalidParameterException',
]);

/** Runs a plan: batches and pinned reads concurrently under the limit, all bounded by the deadline. */
export async function runPlan(plan: FetchPlan, ctx: FetchContext): Promise<FetchOutcome> {
  const out: FetchOutcome = {
    fetched: new Map(),
    failures: new Map(),
    warnings: [],
    calls: { BatchGetSecretValue: 0, GetSecretValue: 0 },
    accounts: new Map(),
  };
  const run = new Runner(ctx, out);
  const tasks = plan.regions.flatMap((rp) => run.regionTasks(rp));
  await Promise.race([Promise.all(tasks), ctx.deadline.expired]);
  run.closed = true;
  for (const t of plan.targets) {
    if (!out.fetched.has(t.id) && !out.failures.has(t.id)) {
      out.failures.set(t.id, { code: 'TIMEOUT', via: t.versionStage || t.versionId ? 'GetSecretValue' : 'BatchGetSecretValue' });
    }
  }
  return out;
}

class Runner {
  closed = false;
  constructor(
    private readonly ctx: FetchContext,
    private readonly out: FetchOutcome,
  ) {}

  regionTasks(rp: RegionPlan): Promise<void>[] {
    const region = rp.region;
    if (region === undefined) {
      // No region because the deadline passed while the SDK was still looking for one is a TIMEOUT.
      const code = this.ctx.deadline.hit ? 'TIMEOUT' : 'NO_REGION';
      for (const t of [...rp.batches.flat(), ...rp.pinned]) this.fail(t, { code, via: 'BatchGetSecretValue' });
      return [];
    }
    return [
      ...rp.batches.map((b) => this.guard(this.batch(region, b), b)),
      ...rp.pinned.map((t) => this.guard(this.single(region, t), [t])),
    ];
  }

  /** Never lets a task reject: an unexpected error becomes a failure of its targets. */
  private guard(p: Promise<void>, targets: FetchTarget[]): Promise<void> {
    return p.catch((error: unknown) => {
      const f = classifySdkError(error, this.ctx.deadline.hit);
      for (const t of targets) this.fail(t, { ...f, via: 'BatchGetSecretValue' });
    });
  }

  private async send<T>(region: string, op: keyof CallCounts, command: unknown): Promise<T> {
    return this.ctx.limit(async () => {
      if (this.closed || this.ctx.deadline.hit) throw Object.assign(new Error('deadline reached'), { name: 'AbortError' });
      this.out.calls[op]++;
      const client = this.ctx.clientFor(region);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (await client.send(command as any, { abortSignal: this.ctx.deadline.signal })) as T;
    });
  }

  private async batch(region: string, targets: FetchTarget[]): Promise<void> {
    const ids = targets.map((t) => t.secretId);
    const values: Array<Record<string, unknown>> = [];
    const errors: Array<Record<string, unknown>> = [];
    let token: string | undefined;
    let pages = 0;
    let repeated = false;
    try {
      do {
        const input: { SecretIdList: string[]; NextToken?: string } = { SecretIdList: ids };
        if (token) input.NextToken = token;
        const res = await this.send<Record<string, unknown>>(region, 'BatchGetSecretValue', new BatchGetSecretValueCommand(input));
        const malformed = checkBatchShape(res);
        if (malformed) {
          for (const t of targets) this.fail(t, { code: 'AWS_ERROR', via: 'BatchGetSecretValue', awsMessage: malformed });
          return;
        }
        values.push(...((res.SecretValues as Array<Record<string, unknown>> | undefined) ?? []));
        errors.push(...((res.Errors as Array<Record<string, unknown>> | undefined) ?? []));
        const next = res.NextToken as string | undefined;
        pages++;
        if (next && next === token) {
          repeated = true;
          break;
        }
        token = next;
      } while (token && pages < MAX_PAGES);
    } catch (error) {
      return this.batchFailed(region, targets, error);
    }
    const valueIndex = indexEntries(values, (v) => [v.Name, v.ARN]);
    const errorIndex = indexEntries(errors, (e) => [e.SecretId]);
    for (const t of targets) {
      const value = valueIndex.get(t.secretId) ?? values.find((v) => secretIdMatches(t.secretId, entryIds(v)));
      if (value) {
        this.succeed(region, t, value);
        continue;
      }
      const err = errorIndex.get(t.secretId) ?? errors.find((e) => typeof e.SecretId === 'string' && secretIdMatches(t.secretId, idAsEntry(e.SecretId)));
      if (err) {
        const awsErrorCode = typeof err.ErrorCode === 'string' ? err.ErrorCode : 'UnknownError';
        const awsMessage = typeof err.Message === 'string' ? err.Message : undefined;
        this.learnAccount(region, awsMessage);
        const f: TargetFailure = { code: secretErrorCode(awsErrorCode, awsMessage), via: 'BatchGetSecretValue', awsErrorCode };
        if (awsMessage) f.awsMessage = awsMessage;
        this.fail(t, f);
        continue;
      }
      this.fail(t, {
        code: token ? 'AWS_ERROR' : 'MISSING_FROM_RESPONSE',
        via: 'BatchGetSecretValue',
        awsMessage: repeated
          ? `BatchGetSecretValue returned the same NextToken twice (after ${pages} pages) without this secret id`
          : token
            ? `BatchGetSecretValue kept returning NextToken after ${MAX_PAGES} pages`
            : 'BatchGetSecretValue returned neither a value nor an error for this secret id',
      });
    }
  }

  private async batchFailed(region: string, targets: FetchTarget[], error: unknown): Promise<void> {
    const f = classifySdkError(error, this.ctx.deadline.hit);
    const denied = f.awsErrorCode === 'AccessDeniedException';
    if (denied) this.learnAccount(region, f.awsMessage);
    if (denied && this.ctx.fallback === 'error') {
      for (const t of targets) this.fail(t, { ...f, code: 'BATCH_ACCESS_DENIED', via: 'BatchGetSecretValue' });
      return;
    }
    if (denied || (f.awsErrorCode !== undefined && ATTRIBUTE_PER_SECRET.has(f.awsErrorCode))) {
      this.out.warnings.push({ kind: denied ? 'batch-denied-fallback' : 'batch-error-fallback', region, targets, failure: f });
      await Promise.all(targets.map((t) => this.single(region, t)));
      return;
    }
    for (const t of targets) this.fail(t, { ...f, via: 'BatchGetSecretValue' });
  }

  private async single(region: string, t: FetchTarget): Promise<void> {
    const input: { SecretId: string; VersionStage?: string; VersionId?: string } = { SecretId: t.secretId };
    if (t.versionStage) input.VersionStage = t.versionStage;
    if (t.versionId) input.VersionId = t.versionId;
    try {
      const res = await this.send<Record<string, unknown>>(region, 'GetSecretValue', new GetSecretValueCommand(input));
      if (typeof res !== 'object' || res === null) {
        this.fail(t, { code: 'AWS_ERROR', via: 'GetSecretValue', awsMessage: 'GetSecretValue returned no response body' });
        return;
      }
      this.succeed(region, t, res);
    } catch (error) {
      const f = classifySdkError(error, this.ctx.deadline.hit);
      if (f.awsErrorCode === 'AccessDeniedException') this.learnAccount(region, f.awsMessage);
      this.fail(t, { ...f, via: 'GetSecretValue' });
    }
  }

  private succeed(region: string, t: FetchTarget, v: Record<string, unknown>): void {
    if (this.closed) return;
    const s: FetchedSecret = {};
    if (typeof v.ARN === 'string') {
      s.arn = v.ARN;
      const arn = parseSecretArn(v.ARN);
      if (arn && !this.out.accounts.has(region)) this.out.accounts.set(region, arn.accountId);
    }
    if (typeof v.Name === 'string') s.name = v.Name;
    if (typeof v.VersionId === 'string') s.versionId = v.VersionId;
    if (Array.isArray(v.VersionStages)) s.versionStages = v.VersionStages.filter((x): x is string => typeof x === 'string');
    if (typeof v.SecretString === 'string') s.secretString = v.SecretString;
    else if (v.SecretBinary instanceof Uint8Array) s.secretBinary = v.SecretBinary;
    this.out.fetched.set(t.id, s);
    this.out.failures.delete(t.id);
  }

  private fail(t: FetchTarget, f: TargetFailure): void {
    if (this.closed || this.out.fetched.has(t.id)) return;
    this.out.failures.set(t.id, f);
  }

  private learnAccount(region: string, message: string | undefined): void {
    const account = accountFromText(message);
    if (account && !this.out.accounts.has(region)) this.out.accounts.set(region, account);
  }
}

/** Entries by their exact ids (the common case: the id as requested comes back), first entry wins. */
function indexEntries(entries: Array<Record<string, unknown>>, ids: (e: Record<string, unknown>) => unknown[]): Map<string, Record<string, unknown>> {
  const index = new Map<string, Record<string, unknown>>();
  for (const e of entries) for (const id of ids(e)) if (typeof id === 'string' && !index.has(id)) index.set(id, e);
  return index;
}

function entryIds(v: Record<string, unknown>): { name?: string; arn?: string } {
  const ids: { name?: string; arn?: string } = {};
  if (typeof v.Name === 'string') ids.name = v.Name;
  if (typeof v.ARN === 'string') ids.arn = v.ARN;
  return ids;
}

/** `Errors[].SecretId` is "the ARN or name of the secret". */
function idAsEntry(id: string): { name?: string; arn?: string } {
  return id.startsWith('arn:') ? { arn: id } : { name: id };
}

/** Describes what is wrong with a BatchGetSecretValue response's shape, or undefined when it is usable. */
function checkBatchShape(res: unknown): string | undefined {
  if (typeof res !== 'object' || res === null) return 'BatchGetSecretValue returned no response body';
  const r = res as Record<string, unknown>;
  if (r.SecretValues !== undefined && !Array.isArray(r.SecretValues)) return 'BatchGetSecretValue response: SecretValues is not a list';
  if (r.Errors !== undefined && !Array.isArray(r.Errors)) return 'BatchGetSecretValue response: Errors is not a list';
  if (r.NextToken !== undefined && r.NextToken !== null && typeof r.NextToken !== 'string') return 'BatchGetSecretValue response: NextToken is not a string';
  return undefined;
}
