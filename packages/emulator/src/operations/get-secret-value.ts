import { readInput } from '../validate.js';
import { readSecretValue } from './common.js';
import type { OperationHandler } from './context.js';
import { GET_SECRET_VALUE } from './shapes.js';

interface Input {
  SecretId: string;
  VersionId?: string;
  VersionStage?: string;
}

/** GetSecretValue: secretsmanager:GetSecretValue on the secret, plus kms:Decrypt for a customer-managed key. */
export const getSecretValue: OperationHandler = (ctx, body) => {
  const input = readInput<Input>(body, GET_SECRET_VALUE);
  return readSecretValue(ctx, input.SecretId, input.VersionId, input.VersionStage);
};
