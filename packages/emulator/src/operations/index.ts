import { batchGetSecretValue } from './batch-get-secret-value.js';
import type { OperationHandler } from './context.js';
import { createSecret } from './create-secret.js';
import { deleteSecret } from './delete-secret.js';
import { describeSecret } from './describe-secret.js';
import { getSecretValue } from './get-secret-value.js';
import { listSecrets } from './list-secrets.js';
import type { OperationName } from './names.js';
import { putSecretValue } from './put-secret-value.js';
import { updateSecretVersionStage } from './update-secret-version-stage.js';

export const OPERATIONS: Readonly<Record<OperationName, OperationHandler>> = {
  CreateSecret: createSecret,
  PutSecretValue: putSecretValue,
  GetSecretValue: getSecretValue,
  BatchGetSecretValue: batchGetSecretValue,
  ListSecrets: listSecrets,
  DescribeSecret: describeSecret,
  DeleteSecret: deleteSecret,
  UpdateSecretVersionStage: updateSecretVersionStage,
};
