import type { IssueCode } from './codes.js';

/**
 * What we keep of an AWS SDK error: never the error object itself (its `$response` and
 * `$responseBodyText` can hold response bodies, and deserialisation messages can quote them).
 */
export interface AwsFailure {
  code: IssueCode;
  awsErrorCode?: string;
  /** The service's own message (from an error response), or a message we wrote. Never a response body. */
  awsMessage?: string;
  requestId?: string;
  httpStatusCode?: number;
  attempts?: number;
}

const THROTTLING = new Set([
  'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded',
  'RequestThrottled', 'RequestThrottledException', 'ProvisionedThroughputExceededException',
  'SlowDown', 'ThrottledException', 'BandwidthLimitExceeded', 'LimitExceededException',
  'PriorRequestNotComplete', 'EC2ThrottledException', 'TransactionInProgressException',
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH',
  'ENETUNREACH', 'ECONNABORTED', 'EPROTO', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET',
]);

type Obj = Record<string, unknown>;

/** Classifies an error thrown by `client.send` (any operation). */
export function classifySdkError(error: unknown, aborted: boolean): AwsFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Obj;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const meta = (typeof e.$metadata === 'object' && e.$metadata !== null ? e.$metadata : {}) as Obj;
  const httpStatusCode = typeof meta.httpStatusCode === 'number' ? meta.httpStatusCode : undefined;
  const base: AwsFailure = { code: 'AWS_ERROR' };
  if (typeof meta.requestId === 'string') base.requestId = meta.requestId;
  if (httpStatusCode !== undefined) base.httpStatusCode = httpStatusCode;
  if (typeof meta.attempts === 'number') base.attempts = meta.attempts;
  const rawMessage = typeof e.message === 'string' ? e.message : '';

  if (aborted || name === 'AbortError') return { ...base, code: 'TIMEOUT' };
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(rawMessage)) {
    return { ...base, code: 'NO_CREDENTIALS', awsMessage: 'Could not load credentials from any providers' };
  }
  if (/region is missing/i.test(rawMessage)) return { ...base, code: 'NO_REGION', awsMessage: 'Region is missing' };

  const isServiceError = typeof e.$fault === 'string' && httpStatusCode !== undefined && httpStatusCode >= 300;
  if (isServiceError) {
    const withService = { ...base, awsErrorCode: name, awsMessage: rawMessage || undefined };
    if (THROTTLING.has(name)) return { ...withService, code: 'THROTTLED' };
    return { ...withService, code: secretErrorCode(name, rawMessage) };
  }
  const sysCode = typeof e.code === 'string' ? e.code : undefined;
  if ((sysCode && NETWORK_CODES.has(sysCode)) || name === 'TimeoutError' || name === 'RequestTimeout') {
    return { ...base, code: 'NETWORK_ERROR', awsErrorCode: sysCode ?? name, awsMessage: networkMessage(sysCode ?? name) };
  }
  if (name === 'SyntaxError' || (httpStatusCode !== undefined && httpStatusCode >= 300)) {
    // An error response whose body is not the JSON the protocol defines (HTML page, truncated body).
    return {
      ...base,
      code: 'AWS_ERROR',
      awsErrorCode: name,
      awsMessage: `the endpoint answered${httpStatusCode ? ` HTTP ${httpStatusCode}` : ''} with a body that is not a Secrets Manager JSON response`,
    };
  }
  // Anything else (a deserialisation TypeError, a bug): name only, never the message, which may quote the body.
  return { ...base, awsErrorCode: name, awsMessage: `the AWS SDK failed with ${name} while reading the response` };
}

/**
 * Maps a Secrets Manager error code (a whole-call exception name, or `Errors[].ErrorCode` of a
 * BatchGetSecretValue entry) to our issue code.
 */
export function secretErrorCode(awsCode: string, message: string | undefined): IssueCode {
  const text = message ?? '';
  switch (awsCode) {
    case 'ResourceNotFoundException':
      return /staging label|VersionId|version/i.test(text) && !/can't find the specified secret\.$/i.test(text)
        ? 'VERSION_NOT_FOUND'
        : 'SECRET_NOT_FOUND';
    case 'AccessDeniedException':
      // "Access to KMS is not allowed": the secret may be read, its key may not be used.
      return /\bKMS\b/.test(text) ? 'SECRET_DECRYPTION_FAILED' : 'SECRET_ACCESS_DENIED';
    case 'DecryptionFailure':
      return 'SECRET_DECRYPTION_FAILED';
    case 'InvalidRequestException':
      return /delet/i.test(text) ? 'SECRET_MARKED_FOR_DELETION' : 'AWS_ERROR';
    default:
      return THROTTLING.has(awsCode) ? 'THROTTLED' : 'AWS_ERROR';
  }
}

function networkMessage(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)';
    case 'ECONNRESET':
      return 'the connection was reset (ECONNRESET)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the endpoint's host name did not resolve (${code})`;
    case 'TimeoutError':
    case 'RequestTimeout':
      return 'the request timed out';
    default:
      return `network error ${code}`;
  }
}
