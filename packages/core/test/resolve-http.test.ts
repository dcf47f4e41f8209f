import { readFileSync } from 'node:fs';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSecretResolutionError, resolveEnv, type SecretResolutionError } from '../src/index.js';
import { answerAll, json, startFake } from './helpers/http-fake.js';
import { VERSION } from '../src/version.js';

/** The real SDK client over real HTTP: retries, deadlines and malformed bodies go through the SDK's own code. */
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
let fake: Awaited<ReturnType<typeof startFake>> | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake?.close();
  fake = undefined;
});

async function failure(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

describe('Function: resolveEnv — over real HTTP', () => {
  it('retries a throttled BatchGetSecretValue with the SDK retry strategy and counts one call', async () => {
    fake = await startFake((req, res, n) => (n === 1 ? json(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }) : answerAll(req, res)));
    const { env, report } = await resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials } });
    expect(env.A).toBe('value-of-a');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.headers['amz-sdk-request']).toMatch(/attempt=2/);
    expect(report.calls.BatchGetSecretValue).toBe(1);
  });

  it('reports THROTTLED once the retries are exhausted', async () => {
    fake = await startFake((_req, res) => json(res, 400, { __type: 'ThrottlingException', message: 'Rate exceeded' }));
    const err = await failure(resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials, maxAttempts: 2 } }));
    expect(fake.requests).toHaveLength(2);
    expect(err.issues[0]).toMatchObject({ code: 'THROTTLED', awsErrorCode: 'ThrottlingException', requestId: 'fake-request-id' });
    expect(err.issues[0]?.message).toMatch(/after 2 attempts/);
  });

  it('retries 5xx and reports AWS_ERROR with the request id when they persist', async () => {
    fake = await startFake((_req, res) => json(res, 500, { __type: 'InternalServiceError', Message: 'An error occurred on the server side.' }));
    const err = await failure(resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials } }));
    expect(fake.requests).toHaveLength(3);
    expect(err.issues[0]).toMatchObject({ code: 'AWS_ERROR', awsErrorCode: 'InternalServiceError', message: 'InternalServiceError: An error occurred on the server side.' });
    expect(err.issues[0]?.hint).toMatch(/HTTP 500; request id fake-request-id/);
  });

  it('reports TIMEOUT while a hung endpoint still holds the request', async () => {
    fake = await startFake(() => {
      /* never answers */
    });
    const err = await failure(resolveEnv({ A: 'secretsmanager:a', B: 'secretsmanager:b::AWSPREVIOUS' }, { timeoutMs: 300, clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials } }));
    expect(err.issues.map((i) => [i.code, i.keys[0]])).toEqual([['TIMEOUT', 'A'], ['TIMEOUT', 'B']]);
    expect(err.report.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('reports AWS_ERROR for an HTML error page without quoting it', async () => {
    fake = await startFake((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway canary-HTML-BODY</body></html>');
    });
    const err = await failure(resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 } }));
    expect(err.issues[0]?.code).toBe('AWS_ERROR');
    expect(err.issues[0]?.message).toMatch(/HTTP 502 with a body that is not a Secrets Manager JSON response/);
    expect(err.message).not.toContain('canary-HTML-BODY');
  });

  it('reports AWS_ERROR for a 200 body that is not JSON, without quoting it', async () => {
    fake = await startFake((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end('{"SecretValues":[{"Name":"a","SecretString":"canary-TRUNCATED-VAL');
    });
    const err = await failure(resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 } }));
    expect(err.issues[0]?.code).toBe('AWS_ERROR');
    expect(JSON.stringify(err)).not.toContain('canary-TRUNCATED-VAL');
    expect(err.message).not.toContain('canary-TRUNCATED-VAL');
  });

  it('reports NETWORK_ERROR when nothing listens on the endpoint', async () => {
    fake = await startFake(() => {});
    const endpoint = fake.endpoint;
    await fake.close();
    fake = undefined;
    const err = await failure(resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint, region: 'us-east-1', credentials, maxAttempts: 1 } }));
    expect(err.issues[0]).toMatchObject({ code: 'NETWORK_ERROR', awsErrorCode: 'ECONNREFUSED' });
    expect(err.issues[0]?.hint).toMatch(/AWS_ENDPOINT_URL_SECRETS_MANAGER/);
  });

  it('reports NO_CREDENTIALS saying what to set when the SDK finds none', async () => {
    fake = await startFake(answerAll);
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) vi.stubEnv(k, undefined);
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/credentials');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    const err = await failure(resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1' } }));
    expect(err.issues[0]).toMatchObject({ code: 'NO_CREDENTIALS', keys: ['A'] });
    expect(err.issues[0]?.hint).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE/);
    expect(fake.requests).toHaveLength(0);
  });

  it('reports NO_REGION for names when no region is configured, and still resolves full ARNs', async () => {
    fake = await startFake(answerAll);
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_DEFAULT_REGION', undefined);
    vi.stubEnv('AWS_PROFILE', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/config');
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:b-AbCdEf';
    const err = await failure(resolveEnv({ A: 'secretsmanager:a', B: `secretsmanager:${arn}` }, { clientConfig: { endpoint: fake.endpoint, credentials } }));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ code: 'NO_REGION', keys: ['A'] });
    expect(err.issues[0]?.hint).toMatch(/set AWS_REGION/);
    expect(err.report.resolvedReferences).toBe(1);
  });

  it('sends the client’s requests to its own endpoint and reuses it for its region', async () => {
    fake = await startFake(answerAll);
    const client = new SecretsManagerClient({ endpoint: fake.endpoint, region: 'us-east-1', credentials });
    const { env } = await resolveEnv({ A: 'secretsmanager:a', B: 'secretsmanager:b' }, { client });
    expect(env).toEqual({ A: 'value-of-a', B: 'value-of-b' });
    expect(fake.requests.map((r) => r.target)).toEqual(['secretsmanager.BatchGetSecretValue']);
    expect(fake.requests[0]?.body).toEqual({ SecretIdList: ['a', 'b'] });
  });
});

describe('Clients secretref creates', () => {
  it('send secretref/<version> in the user agent, after the user’s own', async () => {
    fake = await startFake(answerAll);
    await resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials, customUserAgent: 'my-app/2.0' } });
    const ua = `${fake.requests[0]?.headers['user-agent']} ${fake.requests[0]?.headers['x-amz-user-agent']}`;
    expect(ua).toContain('my-app/2.0');
    expect(ua).toContain(`secretref/${VERSION}`);
  });

  it('VERSION matches package.json', () => {
    expect(VERSION).toBe((JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version);
  });
});

describe('Function: resolveEnv — rejected credentials', () => {
  it('says to check the credentials when AWS rejects them', async () => {
    fake = await startFake((_req, res) => json(res, 400, { __type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' }));
    const err = await failure(resolveEnv({ A: 'secretsmanager:a' }, { clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 } }));
    expect(err.issues[0]).toMatchObject({ code: 'AWS_ERROR', awsErrorCode: 'UnrecognizedClientException' });
    expect(err.issues[0]?.hint).toMatch(/^AWS rejected the credentials the SDK found/);
  });
});
