import { kmsKeyArn } from '../arn.js';
import { decryptionFailure, markedForDeletion, notFound, invalidRequest } from '../errors.js';
import { CURRENT, type SecretRecord, type SecretVersion } from '../store.js';
import type { OperationContext } from './context.js';

/**
 * Finds a secret for `action`, authorising first (against its ARN, or the ARN the id names when no
 * secret matches, so a denied caller cannot probe for existence). Throws ResourceNotFoundException.
 */
export function findAuthorized(ctx: OperationContext, secretId: string, action: string): SecretRecord {
  const record = ctx.store.find(secretId);
  ctx.authorizer.require(ctx.caller, action, record?.arn ?? ctx.store.arnForMissing(secretId));
  if (record === undefined) throw notFound();
  return record;
}

export function requireNotDeleted(record: SecretRecord): void {
  if (record.deletionDate !== undefined) throw markedForDeletion();
}

/** The version a read selects: by id and/or staging label (default AWSCURRENT). */
export function selectVersion(ctx: OperationContext, record: SecretRecord, versionId?: string, stage?: string): SecretVersion {
  if (versionId !== undefined) {
    const version = record.versions.get(versionId);
    if (version === undefined) throw notFound(`Secrets Manager can't find the specified secret value for VersionId: ${versionId}`);
    if (stage !== undefined && !version.stages.includes(stage)) {
      throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
    }
    return version;
  }
  const label = stage ?? CURRENT;
  const version = ctx.store.versionWithStage(record, label);
  if (version === undefined) throw notFound(`Secrets Manager can't find the specified secret value for staging label: ${label}`);
  return version;
}

/** A customer-managed key also needs kms:Decrypt on it; otherwise DecryptionFailure. */
export function requireDecrypt(ctx: OperationContext, record: SecretRecord): void {
  const keyArn = kmsKeyArn(ctx.store.region, ctx.store.accountId, record.kmsKeyId);
  if (keyArn !== undefined && ctx.authorizer.check(ctx.caller, 'kms:Decrypt', keyArn) !== 'allow') throw decryptionFailure();
}

/** The GetSecretValue / SecretValueEntry shape. */
export function valueEntry(record: SecretRecord, version: SecretVersion): Record<string, unknown> {
  const value = 'string' in version.value ? { SecretString: version.value.string } : { SecretBinary: version.value.binary.toString('base64') };
  return {
    ARN: record.arn,
    Name: record.name,
    VersionId: version.versionId,
    ...value,
    VersionStages: [...version.stages],
    CreatedDate: version.createdDate,
  };
}

/** A full read of one secret, as GetSecretValue does it (also used per entry by BatchGetSecretValue). */
export function readSecretValue(ctx: OperationContext, secretId: string, versionId?: string, stage?: string): Record<string, unknown> {
  ctx.counters.secretRead();
  const record = findAuthorized(ctx, secretId, 'secretsmanager:GetSecretValue');
  requireNotDeleted(record);
  const version = selectVersion(ctx, record, versionId, stage);
  requireDecrypt(ctx, record);
  const now = ctx.store.timestamp();
  record.lastAccessedDate = Math.floor(now / 86400) * 86400;
  ctx.counters.valueReturned();
  return valueEntry(record, version);
}

/** Versions that carry at least one label, as VersionIdsToStages / SecretVersionsToStages. */
export function versionsToStages(record: SecretRecord): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const version of record.versions.values()) if (version.stages.length > 0) out[version.versionId] = [...version.stages];
  return Object.keys(out).length > 0 ? out : undefined;
}

/** DescribeSecret / ListSecrets entry fields shared by both. */
export function metadataEntry(record: SecretRecord): Record<string, unknown> {
  return {
    ARN: record.arn,
    Name: record.name,
    ...(record.description !== undefined && record.description !== '' ? { Description: record.description } : {}),
    ...(record.kmsKeyId !== undefined && record.kmsKeyId !== '' ? { KmsKeyId: record.kmsKeyId } : {}),
    RotationEnabled: false,
    LastChangedDate: record.lastChangedDate,
    ...(record.lastAccessedDate !== undefined ? { LastAccessedDate: record.lastAccessedDate } : {}),
    ...(record.deletionDate !== undefined ? { DeletedDate: record.deletionDate } : {}),
    ...(record.tags.length > 0 ? { Tags: record.tags.map((t) => ({ ...t })) } : {}),
    CreatedDate: record.createdDate,
  };
}
