import { randomInt } from 'node:crypto';

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The partition of a region (`aws`, `aws-cn`, `aws-us-gov`). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Six random characters, as Secrets Manager appends to a secret's ARN. */
export function randomArnSuffix(): string {
  let out = '';
  for (let i = 0; i < 6; i += 1) out += SUFFIX_CHARS.charAt(randomInt(SUFFIX_CHARS.length));
  return out;
}

/** `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>[-<suffix>]` */
export function secretArn(region: string, accountId: string, name: string, suffix?: string): string {
  const base = `arn:${partitionOf(region)}:secretsmanager:${region}:${accountId}:secret:${name}`;
  return suffix === undefined ? base : `${base}-${suffix}`;
}

/** The parts of a Secrets Manager secret ARN, or undefined when `id` is not one. */
export function parseSecretArn(id: string): { region: string; accountId: string; resource: string } | undefined {
  const parts = id.split(':');
  if (parts.length !== 7 || parts[0] !== 'arn' || parts[2] !== 'secretsmanager' || parts[5] !== 'secret') return undefined;
  const [, , , region = '', accountId = '', , resource = ''] = parts;
  return { region, accountId, resource };
}

/** The KMS key ARN that `kms:Decrypt` is checked against, or undefined for the AWS managed key. */
export function kmsKeyArn(region: string, accountId: string, kmsKeyId: string | undefined): string | undefined {
  if (kmsKeyId === undefined || kmsKeyId === '' || kmsKeyId === 'alias/aws/secretsmanager') return undefined;
  if (kmsKeyId.startsWith('arn:')) return kmsKeyId.endsWith(':alias/aws/secretsmanager') ? undefined : kmsKeyId;
  const resource = kmsKeyId.startsWith('alias/') ? kmsKeyId : `key/${kmsKeyId}`;
  return `arn:${partitionOf(region)}:kms:${region}:${accountId}:${resource}`;
}
