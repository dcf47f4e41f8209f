import { invalidRequest, resourceExists } from '../errors.js';
import { readInput } from '../validate.js';
import { findAuthorized, requireNotDeleted } from './common.js';
import type { OperationHandler } from './context.js';
import { PUT_SECRET_VALUE } from './shapes.js';
import { sameValue, valueOf } from './values.js';

interface Input {
  SecretId: string;
  ClientRequestToken?: string;
  SecretBinary?: Buffer;
  SecretString?: string;
  VersionStages?: string[];
}

/**
 * PutSecretValue: secretsmanager:PutSecretValue on the secret. Adds a version with VersionStages
 * (default AWSCURRENT); moving AWSCURRENT turns the old current version into AWSPREVIOUS.
 */
export const putSecretValue: OperationHandler = (ctx, body) => {
  const input = readInput<Input>(body, PUT_SECRET_VALUE);
  const value = valueOf(input);
  if (value === undefined) throw invalidRequest('You must provide either SecretString or SecretBinary.');
  const record = findAuthorized(ctx, input.SecretId, 'secretsmanager:PutSecretValue');
  requireNotDeleted(record);
  const existing = input.ClientRequestToken === undefined ? undefined : record.versions.get(input.ClientRequestToken);
  if (existing !== undefined) {
    if (!sameValue(existing, value)) throw resourceExists("You can't modify an existing version, you can only create a new version.");
    return { ARN: record.arn, Name: record.name, VersionId: existing.versionId, VersionStages: [...existing.stages] };
  }
  const version = ctx.store.addVersion(record, value, {
    ...(input.ClientRequestToken !== undefined ? { versionId: input.ClientRequestToken } : {}),
    ...(input.VersionStages !== undefined ? { stages: input.VersionStages } : {}),
  });
  return { ARN: record.arn, Name: record.name, VersionId: version.versionId, VersionStages: [...version.stages] };
};
