/**
 * Stable issue codes. They are public API: documented in the README and locked by a test.
 * Adding a code is a minor change; renaming or removing one is a breaking change.
 */
export const ISSUE_CODES = [
  'INVALID_REFERENCE',
  'SECRET_NOT_FOUND',
  'SECRET_ACCESS_DENIED',
  'SECRET_DECRYPTION_FAILED',
  'SECRET_MARKED_FOR_DELETION',
  'VERSION_NOT_FOUND',
  'SECRET_NOT_JSON',
  'JSON_KEY_NOT_FOUND',
  'SECRET_IS_BINARY',
  'BATCH_ACCESS_DENIED',
  'THROTTLED',
  'TIMEOUT',
  'NO_CREDENTIALS',
  'NO_REGION',
  'NETWORK_ERROR',
  'MISSING_FROM_RESPONSE',
  'AWS_ERROR',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * One problem found while resolving. Issues are data: the error class only holds and formats them.
 * No field ever holds a secret value.
 */
export interface SecretIssue {
  code: IssueCode;
  /** Env names or config paths (`db.password`, `servers[0].url`) whose value needed this secret. */
  keys: string[];
  /** The secret id as written in the reference (name, full ARN or partial ARN). */
  secretId?: string;
  /** JSON key asked for, when the issue is about one. */
  jsonKey?: string;
  /** Region the secret was read from, when known. */
  region?: string;
  /** The AWS error code (`e.name` of the SDK error, or `ErrorCode` of a BatchGetSecretValue entry). */
  awsErrorCode?: string;
  /** AWS request id, for support cases. */
  requestId?: string;
  /** What is wrong, in one sentence. */
  message: string;
  /** What fixes it: the exact IAM grant, the setting to change, the key names that do exist. */
  hint?: string;
}

/** Something that did not stop resolution but that the operator should know about. */
export interface SecretWarning {
  code: IssueCode;
  keys: string[];
  secretId?: string;
  region?: string;
  awsErrorCode?: string;
  message: string;
  hint?: string;
}
