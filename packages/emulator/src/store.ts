import { randomUUID } from 'node:crypto';
import { parseSecretArn, randomArnSuffix, secretArn } from './arn.js';

/** A secret value: text (SecretString) or bytes (SecretBinary). */
export type SecretValue = { readonly string: string } | { readonly binary: Buffer };

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

export interface SecretVersion {
  readonly versionId: string;
  readonly value: SecretValue;
  /** Epoch seconds. */
  readonly createdDate: number;
  stages: string[];
}

export interface SecretRecord {
  readonly name: string;
  readonly arn: string;
  description: string | undefined;
  kmsKeyId: string | undefined;
  tags: Tag[];
  readonly createdDate: number;
  lastChangedDate: number;
  lastAccessedDate: number | undefined;
  /** Set when the secret is scheduled for deletion (epoch seconds of the planned deletion). */
  deletionDate: number | undefined;
  /** Versions in creation order. */
  readonly versions: Map<string, SecretVersion>;
}

export interface NewSecret {
  name: string;
  arnSuffix?: string;
  description?: string;
  kmsKeyId?: string;
  tags?: readonly Tag[];
}

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';

/** In-memory secrets of one account and region. Mutations apply Secrets Manager's staging-label rules. */
export class SecretStore {
  readonly region: string;
  readonly accountId: string;
  private readonly byName = new Map<string, SecretRecord>();
  private readonly byArn = new Map<string, SecretRecord>();
  private readonly now: () => number;

  constructor(region: string, accountId: string, now: () => number = () => Date.now() / 1000) {
    this.region = region;
    this.accountId = accountId;
    this.now = now;
  }

  /** Epoch seconds (with milliseconds), as the wire format wants. */
  timestamp(): number {
    return Math.round(this.now() * 1000) / 1000;
  }

  /** All secrets, in creation order (including those scheduled for deletion). */
  list(): SecretRecord[] {
    return [...this.byName.values()];
  }

  /** Finds a secret by name, full ARN, or partial ARN (the ARN without the `-XXXXXX` suffix). */
  find(secretId: string): SecretRecord | undefined {
    const byArn = this.byArn.get(secretId);
    if (byArn !== undefined) return byArn;
    const arn = parseSecretArn(secretId);
    if (arn === undefined) return this.byName.get(secretId);
    if (arn.region !== this.region || arn.accountId !== this.accountId) return undefined;
    return this.byName.get(arn.resource);
  }

  /** The resource ARN to authorise against for an id that matches no secret. */
  arnForMissing(secretId: string): string {
    return parseSecretArn(secretId) !== undefined ? secretId : secretArn(this.region, this.accountId, secretId);
  }

  create(input: NewSecret): SecretRecord {
    const now = this.timestamp();
    const record: SecretRecord = {
      name: input.name,
      arn: secretArn(this.region, this.accountId, input.name, input.arnSuffix ?? randomArnSuffix()),
      description: input.description,
      kmsKeyId: input.kmsKeyId,
      tags: [...(input.tags ?? [])],
      createdDate: now,
      lastChangedDate: now,
      lastAccessedDate: undefined,
      deletionDate: undefined,
      versions: new Map(),
    };
    this.byName.set(record.name, record);
    this.byArn.set(record.arn, record);
    return record;
  }

  remove(record: SecretRecord): void {
    this.byName.delete(record.name);
    this.byArn.delete(record.arn);
  }

  /**
   * Adds a version carrying `stages` (default AWSCURRENT; the first version always gets AWSCURRENT).
   * Each label moves off any other version; when AWSCURRENT moves, the version that had it
   * becomes AWSPREVIOUS.
   */
  addVersion(record: SecretRecord, value: SecretValue, options: { versionId?: string; stages?: readonly string[] } = {}): SecretVersion {
    const stages = [...new Set(options.stages ?? [CURRENT])];
    if (record.versions.size === 0 && !stages.includes(CURRENT)) stages.push(CURRENT);
    const version: SecretVersion = { versionId: options.versionId ?? randomUUID(), value, createdDate: this.timestamp(), stages: [] };
    record.versions.set(version.versionId, version);
    for (const stage of stages) this.attachStage(record, stage, version);
    record.lastChangedDate = this.timestamp();
    return version;
  }

  /** Adds a version with exactly the given labels (seeding), without moving labels. */
  restoreVersion(record: SecretRecord, version: { versionId: string; value: SecretValue; stages: readonly string[] }): void {
    record.versions.set(version.versionId, { ...version, createdDate: this.timestamp(), stages: [...version.stages] });
  }

  /** Attaches `stage` to `target`, removing it from every other version (AWSCURRENT leaves AWSPREVIOUS behind). */
  attachStage(record: SecretRecord, stage: string, target: SecretVersion): void {
    let previousHolder: SecretVersion | undefined;
    for (const version of record.versions.values()) {
      if (version !== target && version.stages.includes(stage)) {
        version.stages = version.stages.filter((s) => s !== stage);
        previousHolder = version;
      }
    }
    if (!target.stages.includes(stage)) target.stages.push(stage);
    if (stage === CURRENT && previousHolder !== undefined) this.attachStage(record, PREVIOUS, previousHolder);
    if (stage === CURRENT) target.stages = target.stages.filter((s) => s !== PREVIOUS);
  }

  /** Removes `stage` from `version` only. */
  detachStage(record: SecretRecord, stage: string, version: SecretVersion): void {
    version.stages = version.stages.filter((s) => s !== stage);
    record.lastChangedDate = this.timestamp();
  }

  versionWithStage(record: SecretRecord, stage: string): SecretVersion | undefined {
    for (const version of record.versions.values()) if (version.stages.includes(stage)) return version;
    return undefined;
  }
}
