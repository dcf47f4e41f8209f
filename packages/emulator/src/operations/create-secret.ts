import { randomArnSuffix, secretArn } from '../arn.js';
import { invalidRequest, resourceExists, validation } from '../errors.js';
import { NAME_PATTERN } from '../seed-secret.js';
import type { Tag } from '../store.js';
import { readInput } from '../validate.js';
import type { OperationHandler } from './context.js';
import { CREATE_SECRET, type TagInput } from './shapes.js';
import { sameValue, valueOf } from './values.js';

interface Input {
  Name: string;
  ClientRequestToken?: string;
  Description?: string;
  KmsKeyId?: string;
  SecretBinary?: Buffer;
  SecretString?: string;
  Tags?: TagInput[];
}

/**
 * CreateSecret: secretsmanager:CreateSecret on the new secret's ARN (and TagResource when Tags
 * are given). Repeating a call with the same ClientRequestToken and value is idempotent.
 */
export const createSecret: OperationHandler = (ctx, body) => {
  const input = readInput<Input>(body, CREATE_SECRET);
  if (!NAME_PATTERN.test(input.Name)) {
    throw validation('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  }
  const value = valueOf(input);
  const tags: Tag[] = (input.Tags ?? []).map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
  const existing = ctx.store.find(input.Name);
  const suffix = randomArnSuffix();
  const arn = existing?.arn ?? secretArn(ctx.store.region, ctx.store.accountId, input.Name, suffix);
  ctx.authorizer.require(ctx.caller, 'secretsmanager:CreateSecret', arn);
  if (tags.length > 0) ctx.authorizer.require(ctx.caller, 'secretsmanager:TagResource', arn);

  if (existing !== undefined && existing.name === input.Name) {
    if (existing.deletionDate !== undefined) {
      throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
    }
    const sameVersion = input.ClientRequestToken === undefined ? undefined : existing.versions.get(input.ClientRequestToken);
    if (sameVersion !== undefined && value !== undefined && sameValue(sameVersion, value)) {
      return { ARN: existing.arn, Name: existing.name, VersionId: sameVersion.versionId };
    }
    throw resourceExists(`The operation failed because the secret ${input.Name} already exists.`);
  }
  const record = ctx.store.create({
    name: input.Name,
    arnSuffix: suffix,
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    ...(input.KmsKeyId !== undefined && input.KmsKeyId !== '' ? { kmsKeyId: input.KmsKeyId } : {}),
    tags,
  });
  if (value === undefined) return { ARN: record.arn, Name: record.name };
  const version = ctx.store.addVersion(record, value, input.ClientRequestToken !== undefined ? { versionId: input.ClientRequestToken } : {});
  return { ARN: record.arn, Name: record.name, VersionId: version.versionId };
};
