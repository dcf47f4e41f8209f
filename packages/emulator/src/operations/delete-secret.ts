import { invalidParameter } from '../errors.js';
import { readInput } from '../validate.js';
import { findAuthorized, requireNotDeleted } from './common.js';
import type { OperationHandler } from './context.js';
import { DELETE_SECRET } from './shapes.js';

interface Input {
  SecretId: string;
  RecoveryWindowInDays?: number;
  ForceDeleteWithoutRecovery?: boolean;
}

const DAY = 86400;

/**
 * DeleteSecret: secretsmanager:DeleteSecret on the secret. With a recovery window (7–30 days,
 * default 30) the secret is scheduled for deletion and reads answer InvalidRequestException;
 * ForceDeleteWithoutRecovery removes it at once (also when already scheduled).
 */
export const deleteSecret: OperationHandler = (ctx, body) => {
  const input = readInput<Input>(body, DELETE_SECRET);
  const window = input.RecoveryWindowInDays;
  if (window !== undefined && (window < 7 || window > 30)) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  if (window !== undefined && input.ForceDeleteWithoutRecovery === true) {
    throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
  }
  const record = findAuthorized(ctx, input.SecretId, 'secretsmanager:DeleteSecret');
  const now = ctx.store.timestamp();
  if (input.ForceDeleteWithoutRecovery === true) {
    ctx.store.remove(record);
    return { ARN: record.arn, Name: record.name, DeletionDate: now };
  }
  requireNotDeleted(record);
  record.deletionDate = now + (window ?? 30) * DAY;
  return { ARN: record.arn, Name: record.name, DeletionDate: record.deletionDate };
};
