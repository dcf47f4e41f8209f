import { readInput } from '../validate.js';
import { findAuthorized, metadataEntry, versionsToStages } from './common.js';
import type { OperationHandler } from './context.js';
import { DESCRIBE_SECRET } from './shapes.js';

/** DescribeSecret: secretsmanager:DescribeSecret on the secret; also answers for secrets scheduled for deletion. */
export const describeSecret: OperationHandler = (ctx, body) => {
  const input = readInput<{ SecretId: string }>(body, DESCRIBE_SECRET);
  const record = findAuthorized(ctx, input.SecretId, 'secretsmanager:DescribeSecret');
  const stages = versionsToStages(record);
  return { ...metadataEntry(record), ...(stages !== undefined ? { VersionIdsToStages: stages } : {}) };
};
