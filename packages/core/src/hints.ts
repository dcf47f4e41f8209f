import { grantResourceFor } from './arn.js';
import type { IssueCode } from './codes.js';
import type { TargetFailure } from './fetch.js';

export interface HintContext {
  secretId: string;
  region: string | undefined;
  accountId: string | undefined;
  timeoutMs: number;
  /** The caller's AbortSignal ended the resolution. */
  abortedByCaller?: boolean;
  versionStage?: string;
  versionId?: string;
}

/** The sentence and the fix for a failed fetch. No secret value is ever an input here. */
export function describeFailure(f: TargetFailure, ctx: HintContext): { message: string; hint?: string } {
  const id = `"${ctx.secretId}"`;
  const aws = f.awsMessage;
  const code: IssueCode = f.code;
  switch (code) {
    case 'SECRET_NOT_FOUND':
      return {
        message: aws ?? `Secrets Manager can't find the secret ${id}`,
        hint: `check the secret name and region${ctx.region ? ` (looked in ${ctx.region})` : ''}; a secret in another region or account must be referenced by its full ARN`,
      };
    case 'SECRET_ACCESS_DENIED': {
      const resource = grantResourceFor(ctx.secretId, ctx.region, ctx.accountId);
      if (aws && /explicit deny/i.test(aws)) {
        return { message: aws, hint: explicitDenyHint(resource) };
      }
      const grant = `allow secretsmanager:GetSecretValue on ${resource}`;
      return {
        message: aws ?? `access to ${id} was denied`,
        hint: f.via === 'BatchGetSecretValue'
          ? `${grant}\n(BatchGetSecretValue does not grant access to any secret by itself)`
          : grant,
      };
    }
    case 'SECRET_DECRYPTION_FAILED':
      return {
        message: aws ?? `Secrets Manager could not decrypt ${id}`,
        hint: `allow kms:Decrypt on the customer-managed KMS key that encrypts ${id} (its KmsKeyId in DescribeSecret), and make sure the key policy lets this principal use it`,
      };
    case 'SECRET_MARKED_FOR_DELETION':
      return {
        message: aws ?? `the secret ${id} is marked for deletion`,
        hint: `restore it (aws secretsmanager restore-secret --secret-id ${ctx.secretId}) or point the reference at another secret`,
      };
    case 'VERSION_NOT_FOUND': {
      const pin = ctx.versionId ? `version id ${ctx.versionId}` : `staging label ${ctx.versionStage ?? 'AWSCURRENT'}`;
      return {
        message: aws ?? `the secret ${id} has no version with ${pin}`,
        hint: `list its versions with: aws secretsmanager list-secret-version-ids --secret-id ${ctx.secretId}`,
      };
    }
    case 'BATCH_ACCESS_DENIED':
      return {
        message: aws ?? `BatchGetSecretValue was denied${ctx.region ? ` in ${ctx.region}` : ''}`,
        hint: `allow secretsmanager:BatchGetSecretValue on "*" (it cannot be scoped to secrets; access to each secret is still decided by secretsmanager:GetSecretValue), or set fallback: 'get-secret-value' to read each secret with GetSecretValue`,
      };
    case 'THROTTLED':
      return {
        message: `Secrets Manager throttled ${f.via}${f.awsErrorCode ? ` (${f.awsErrorCode})` : ''}${f.attempts ? ` after ${f.attempts} attempts` : ''}`,
        hint: 'BatchGetSecretValue allows about 100 requests per second per region: lower `concurrency`, raise `maxAttempts` in clientConfig, or retry the start later',
      };
    case 'TIMEOUT':
      if (ctx.abortedByCaller) {
        return { message: `reading ${id} was aborted by the caller's signal before Secrets Manager answered` };
      }
      return {
        message: `no answer from Secrets Manager${ctx.region ? ` in ${ctx.region}` : ''} within the ${ctx.timeoutMs} ms deadline`,
        hint: 'check network access to the Secrets Manager endpoint (VPC endpoint, proxy, security groups), or raise `timeoutMs`',
      };
    case 'NO_CREDENTIALS':
      return {
        message: 'the AWS SDK could not load credentials from any provider',
        hint: 'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run with an IAM role (ECS task role, EC2 instance profile, EKS service account)',
      };
    case 'NO_REGION':
      return {
        message: `no AWS region is configured to read ${id}`,
        hint: 'set AWS_REGION (or the `region` option), or reference the secret by its full ARN',
      };
    case 'NETWORK_ERROR':
      return {
        message: `could not reach Secrets Manager${ctx.region ? ` in ${ctx.region}` : ''}: ${aws ?? 'network error'}`,
        hint: 'check the endpoint (AWS_ENDPOINT_URL_SECRETS_MANAGER, `clientConfig.endpoint`), DNS, proxy and network access',
      };
    case 'MISSING_FROM_RESPONSE':
      return {
        message: aws ?? `BatchGetSecretValue returned neither a value nor an error for ${id}`,
        hint: requestHint(f, 'this is a malformed response'),
      };
    default:
      return {
        message: `${f.awsErrorCode ? `${f.awsErrorCode}: ` : ''}${aws ?? `reading ${id} failed`}`,
        hint: f.awsErrorCode === 'InvalidParameterException'
          ? `Secrets Manager rejected the parameters for ${id}: check the secret id, version stage and version id of the reference`
          : f.awsErrorCode !== undefined && REJECTED_CREDENTIALS.has(f.awsErrorCode)
            ? 'AWS rejected the credentials the SDK found: check which ones it picked up (AWS_PROFILE, AWS_ACCESS_KEY_ID, the role), refresh expired session credentials, and check the system clock'
            : requestHint(f, undefined),
      };
  }
}

/** An Allow cannot override an explicit Deny: the fix is the Deny. */
export function explicitDenyHint(resource: string): string {
  return `an explicit Deny applies to secretsmanager:GetSecretValue on ${resource}: no Allow can override it; remove or narrow that Deny (the message says which kind of policy holds it)`;
}

/** Error codes for credentials that exist but that AWS does not accept. */
const REJECTED_CREDENTIALS = new Set([
  'UnrecognizedClientException', 'InvalidClientTokenId', 'ExpiredTokenException', 'ExpiredToken',
  'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'MissingAuthenticationToken',
]);

function requestHint(f: TargetFailure, prefix: string | undefined): string | undefined {
  const parts = [prefix, f.httpStatusCode ? `HTTP ${f.httpStatusCode}` : undefined, f.requestId ? `request id ${f.requestId}` : undefined]
    .filter((x): x is string => Boolean(x));
  return parts.length ? parts.join('; ') : undefined;
}
