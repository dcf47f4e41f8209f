import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A real SDK client against the emulator; one attempt unless told otherwise. */
export function smClient(endpoint: string, accessKeyId = 'AKIDTEST', maxAttempts = 1): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey: 'x' },
    maxAttempts,
  });
}

export interface Failure {
  readonly name: string;
  readonly message: string;
  readonly status: number | undefined;
  readonly attempts: number | undefined;
}

/** Awaits a call that must fail; returns the SDK error's name, message, HTTP status and attempts. */
export async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number; attempts?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, attempts: e.$metadata?.attempts };
  }
  throw new Error('expected the call to fail');
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: Record<string, unknown> | undefined;
}

/** A hand-made awsJson1_1 request (for what the SDK would never send). */
export async function rawCall(
  endpoint: string,
  target: string | undefined,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0',
      ...(target !== undefined ? { 'x-amz-target': target } : {}),
      ...headers,
    },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
