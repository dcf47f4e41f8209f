/** The Secrets Manager operations the emulator implements. */
export const OPERATION_NAMES = [
  'CreateSecret',
  'PutSecretValue',
  'GetSecretValue',
  'BatchGetSecretValue',
  'ListSecrets',
  'DescribeSecret',
  'DeleteSecret',
  'UpdateSecretVersionStage',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(value: string): value is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(value);
}
