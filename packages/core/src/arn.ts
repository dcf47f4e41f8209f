/** Helpers for Secrets Manager secret ARNs: `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>[-XXXXXX]`. */

export interface SecretArn {
  partition: string;
  region: string;
  accountId: string;
  /** Resource name as written after `secret:` (with the random suffix, if present). */
  resourceName: string;
  /** True when the resource name ends with the 6-character suffix Secrets Manager adds. */
  hasSuffix: boolean;
  /** The secret name (suffix removed when present). */
  name: string;
}

const SUFFIX = /-[A-Za-z0-9]{6}$/;

/** Parses an ARN string with exactly 7 colon fields; returns undefined when it is not a secret ARN. */
export function parseSecretArn(value: string): SecretArn | undefined {
  const fields = value.split(':');
  if (fields.length !== 7) return undefined;
  const [arn, partition, service, region, accountId, type, resourceName] = fields as [
    string, string, string, string, string, string, string,
  ];
  if (arn !== 'arn' || service !== 'secretsmanager' || type !== 'secret') return undefined;
  if (!partition || !region || !accountId || !resourceName) return undefined;
  const hasSuffix = SUFFIX.test(resourceName);
  return {
    partition,
    region,
    accountId,
    resourceName,
    hasSuffix,
    name: hasSuffix ? resourceName.slice(0, -7) : resourceName,
  };
}

/** The partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}

/**
 * The IAM resource a `secretsmanager:GetSecretValue` grant needs for a secret id:
 * a full ARN as is; a name or partial ARN followed by `-??????` (the random suffix).
 */
export function grantResourceFor(
  secretId: string,
  region: string | undefined,
  accountId: string | undefined,
): string {
  const arn = parseSecretArn(secretId);
  if (arn) return arn.hasSuffix ? secretId : `${secretId}-??????`;
  const r = region ?? '*';
  const partition = region ? partitionOf(region) : 'aws';
  return `arn:${partition}:secretsmanager:${r}:${accountId ?? '*'}:secret:${secretId}-??????`;
}

/** Extracts the 12-digit account from an ARN found anywhere in a text (e.g. `User: arn:aws:sts::123456789012:...`). */
export function accountFromText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const m = /arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/.exec(text);
  return m?.[1];
}

/**
 * Whether a secret id as requested (name, full ARN, partial ARN) designates the secret that a
 * response entry describes by Name and/or ARN. Never matches by position.
 */
export function secretIdMatches(requested: string, entry: { name?: string; arn?: string }): boolean {
  if (entry.arn !== undefined && requested === entry.arn) return true;
  if (entry.name !== undefined && requested === entry.name) return true;
  const reqArn = parseSecretArn(requested);
  const entryArn = entry.arn !== undefined ? parseSecretArn(entry.arn) : undefined;
  if (reqArn) {
    if (entryArn) {
      // Partial ARN requested: the entry's ARN is the requested one plus the random suffix.
      if (!reqArn.hasSuffix || reqArn.resourceName === entryArn.name) {
        return (
          entryArn.resourceName.startsWith(`${reqArn.resourceName}-`) &&
          entryArn.resourceName.length === reqArn.resourceName.length + 7 &&
          samePlace(reqArn, entryArn)
        );
      }
      return false;
    }
    // Only a name on the entry: compare names (a full ARN's name has its suffix removed).
    return entry.name !== undefined && (entry.name === reqArn.name || entry.name === reqArn.resourceName);
  }
  // A name was requested; the entry may carry only an ARN (e.g. Errors[].SecretId).
  if (entryArn) return entryArn.name === requested || entryArn.resourceName === requested;
  return false;
}

function samePlace(a: SecretArn, b: SecretArn): boolean {
  return a.partition === b.partition && a.region === b.region && a.accountId === b.accountId;
}
