import { BatchGetSecretValueCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSecretResolutionError, resolveEnv, SecretResolutionError, type SecretIssue } from '../src/index.js';
import { mockStore, serviceError } from './helpers/mock-sm.js';

let sm: AwsClientStub<SecretsManagerClient> | undefined;
afterEach(() => {
  sm?.restore();
  vi.useRealTimers();
});

async function failure(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

const byKey = (issues: SecretIssue[], key: string) => issues.find((i) => i.keys.includes(key));

describe('Function: resolveEnv — per-secret errors inside a 200 BatchGetSecretValue', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['ResourceNotFoundException', "Secrets Manager can't find the specified secret.", 'SECRET_NOT_FOUND', /check the secret name and region \(looked in us-east-1\)/],
    ['AccessDeniedException', 'User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: secretsmanager:GetSecretValue on resource: prod/denied', 'SECRET_ACCESS_DENIED',
      /^allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/denied-\?\?\?\?\?\?\n\(BatchGetSecretValue does not grant access to any secret by itself\)$/],
    ['DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key.", 'SECRET_DECRYPTION_FAILED', /^allow kms:Decrypt on the customer-managed KMS key/],
    ['AccessDeniedException', 'Access to KMS is not allowed', 'SECRET_DECRYPTION_FAILED', /^allow kms:Decrypt on the customer-managed KMS key/],
    ['InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.", 'SECRET_MARKED_FOR_DELETION', /restore-secret --secret-id prod\/denied/],
    ['InvalidParameterException', 'The parameter SecretId is not valid.', 'AWS_ERROR', /rejected the parameters for "prod\/denied"/],
    ['SomethingNewException', 'A brand new failure.', 'AWS_ERROR', /./],
  ];

  it.each(cases)('maps ErrorCode %s to its issue code and hint', async (awsCode, message, code, hint) => {
    sm = mockStore([{ name: 'prod/ok', value: 'fine' }, { name: 'prod/denied', value: 'x', error: { code: awsCode, message } }]);
    const err = await failure(resolveEnv({ OK: 'secretsmanager:prod/ok', BAD: 'secretsmanager:prod/denied' }));
    expect(err.issues).toHaveLength(1);
    const issue = err.issues[0]!;
    const expectedMessage = code === 'AWS_ERROR' ? `${awsCode}: ${message}` : message;
    expect(issue).toMatchObject({ code, keys: ['BAD'], secretId: 'prod/denied', awsErrorCode: awsCode, region: 'us-east-1', message: expectedMessage });
    if (awsCode !== 'SomethingNewException') expect(issue.hint).toMatch(hint);
    expect(err.report.resolvedReferences).toBe(1);
  });

  it('reports every failure of a mix in one error and still resolves the rest', async () => {
    sm = mockStore([
      { name: 'ok/1', value: 'v1' },
      { name: 'ok/2', value: JSON.stringify({ k: 'v' }) },
      { name: 'deny/1', error: { code: 'AccessDeniedException', message: 'denied' } },
      { name: 'deny/2', error: { code: 'AccessDeniedException', message: 'denied' } },
      { name: 'kms/1', error: { code: 'DecryptionFailure', message: 'kms' } },
    ]);
    const err = await failure(resolveEnv({
      A: 'secretsmanager:ok/1', B: 'secretsmanager:ok/2:k', C: 'secretsmanager:deny/1', D: 'secretsmanager:deny/2',
      E: 'secretsmanager:kms/1', F: 'secretsmanager:gone', G: 'secretsmanager:ok/2:absent',
    }));
    expect(err.issues.map((i) => [i.keys.join(), i.code]).sort()).toEqual([
      ['C', 'SECRET_ACCESS_DENIED'], ['D', 'SECRET_ACCESS_DENIED'], ['E', 'SECRET_DECRYPTION_FAILED'],
      ['F', 'SECRET_NOT_FOUND'], ['G', 'JSON_KEY_NOT_FOUND'],
    ]);
    expect(err.report.resolvedReferences).toBe(2);
    expect(err.report.calls).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 0 });
    expect(err.message).toMatch(/^secretref: 2 of 7 references resolved · 6 secrets · 1 BatchGetSecretValue · us-east-1 · \d+ ms/);
    for (const key of ['C', 'D', 'E', 'F', 'G']) expect(err.message).toMatch(new RegExp(`✗ ${key} `));
  });

  it('uses the account from the denial message in the grant when the reference is a name', async () => {
    sm = mockStore([{ name: 'n', error: { code: 'AccessDeniedException', message: 'User: arn:aws:sts::210987654321:assumed-role/r/s is not authorized' } }]);
    const err = await failure(resolveEnv({ N: 'secretsmanager:n' }));
    expect(err.issues[0]?.hint).toContain('arn:aws:secretsmanager:us-east-1:210987654321:secret:n-??????');
  });

  it('says to remove the Deny, not to add an Allow, when AWS reports an explicit deny', async () => {
    sm = mockStore([{ name: 'n', error: { code: 'AccessDeniedException', message: 'User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: secretsmanager:GetSecretValue on resource: n with an explicit deny in an identity-based policy' } }]);
    const err = await failure(resolveEnv({ N: 'secretsmanager:n' }));
    expect(err.issues[0]?.code).toBe('SECRET_ACCESS_DENIED');
    expect(err.issues[0]?.hint).toMatch(/^an explicit Deny applies to secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:n-\?{6}: no Allow can override it/);
  });

  it('grants a full ARN reference on the ARN itself', async () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/x-AbCdEf';
    sm = mockStore([{ name: 'prod/x', region: 'eu-west-1', account: '111122223333', error: { code: 'AccessDeniedException', message: 'no' } }]);
    const err = await failure(resolveEnv({ X: `secretsmanager:${arn}` }));
    expect(err.issues[0]?.hint?.split('\n')[0]).toBe(`allow secretsmanager:GetSecretValue on ${arn}`);
  });
});

describe('Function: resolveEnv — whole-call failures', () => {
  const batchDenied = serviceError(
    'AccessDeniedException',
    'User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized to perform: secretsmanager:BatchGetSecretValue because no identity-based policy allows the secretsmanager:BatchGetSecretValue action',
  );

  it('falls back to GetSecretValue per secret when BatchGetSecretValue is denied, with a warning naming the grant', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }, { name: 'b', value: 'B' }, { name: 'c', error: { code: 'AccessDeniedException', message: 'no' } }]);
    sm.on(BatchGetSecretValueCommand).rejects(batchDenied);
    const err = await failure(resolveEnv({ A: 'secretsmanager:a', B: 'secretsmanager:b', C: 'secretsmanager:c' }));
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ code: 'SECRET_ACCESS_DENIED', keys: ['C'] });
    expect(err.issues[0]?.hint).toBe('allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:c-??????');
    expect(err.report.calls).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 3 });
    const w = err.report.warnings.find((x) => x.code === 'BATCH_ACCESS_DENIED');
    expect(w?.message).toMatch(/BatchGetSecretValue was denied in us-east-1; read 3 secrets with 3 GetSecretValue calls/);
    expect(w?.hint).toMatch(/^allow secretsmanager:BatchGetSecretValue on "\*"/);

    sm.on(GetSecretValueCommand, { SecretId: 'c' }).resolves({ Name: 'c', SecretString: 'C' });
    const ok = await resolveEnv({ A: 'secretsmanager:a', C: 'secretsmanager:c' });
    expect(ok.env).toEqual({ A: 'A', C: 'C' });
    expect(ok.report.warnings.map((x) => x.code)).toEqual(['BATCH_ACCESS_DENIED']);
    expect(ok.report.resolved.every((r) => r.via === 'GetSecretValue')).toBe(true);
  });

  it("reports BATCH_ACCESS_DENIED for each secret with fallback 'error', and makes no GetSecretValue call", async () => {
    sm = mockStore([{ name: 'a', value: 'A' }, { name: 'b', value: 'B' }]);
    sm.on(BatchGetSecretValueCommand).rejects(batchDenied);
    const err = await failure(resolveEnv({ A: 'secretsmanager:a', B: 'secretsmanager:b' }, { fallback: 'error' }));
    expect(err.issues.map((i) => i.code)).toEqual(['BATCH_ACCESS_DENIED', 'BATCH_ACCESS_DENIED']);
    expect(err.issues[0]?.hint).toMatch(/allow secretsmanager:BatchGetSecretValue on "\*"/);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 0);
    // The same grant is printed once, not once per secret.
    expect(err.message.match(/allow secretsmanager:BatchGetSecretValue/g)).toHaveLength(1);
  });

  it('attributes a whole-call ResourceNotFoundException by reading each secret on its own', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }]);
    sm.on(BatchGetSecretValueCommand).rejects(serviceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret."));
    const err = await failure(resolveEnv({ A: 'secretsmanager:a', B: 'secretsmanager:b' }));
    expect(err.issues.map((i) => [i.code, i.keys])).toEqual([['SECRET_NOT_FOUND', ['B']]]);
    expect(err.report.calls).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 2 });
  });

  it('fails every secret of a chunk with THROTTLED when throttling outlasts the retries', async () => {
    sm = mockStore([]);
    sm.on(BatchGetSecretValueCommand).rejects(Object.assign(serviceError('ThrottlingException', 'Rate exceeded'), { $metadata: { httpStatusCode: 400, attempts: 3 } }));
    const err = await failure(resolveEnv({ A: 'secretsmanager:a', B: 'secretsmanager:b' }));
    expect(err.issues.map((i) => i.code)).toEqual(['THROTTLED', 'THROTTLED']);
    expect(err.issues[0]?.message).toBe('Secrets Manager throttled BatchGetSecretValue (ThrottlingException) after 3 attempts');
  });

  it('reports TIMEOUT at the deadline, not before and not later, when a call never answers', async () => {
    vi.useFakeTimers();
    sm = mockStore([]);
    sm.on(BatchGetSecretValueCommand).callsFake(() => new Promise(() => {}));
    let settled: unknown;
    const p = resolveEnv({ A: 'secretsmanager:a' }, { timeoutMs: 5000 }).then(
      () => (settled = 'resolved'),
      (e: unknown) => (settled = e),
    );
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await p;
    expect(isSecretResolutionError(settled)).toBe(true);
    expect((settled as SecretResolutionError).issues[0]).toMatchObject({ code: 'TIMEOUT', keys: ['A'] });
    expect((settled as SecretResolutionError).issues[0]?.message).toMatch(/within the 5000 ms deadline/);
  });

  it('rejects invalid options with a TypeError naming the option', async () => {
    await expect(resolveEnv({}, { timeoutMs: 0 })).rejects.toThrow(/timeoutMs must be a whole number from 1 to 2147483647, got 0/);
    await expect(resolveEnv({}, { timeoutMs: 2 ** 31 })).rejects.toThrow(/timeoutMs must be a whole number from 1 to 2147483647/);
    await expect(resolveEnv({}, { concurrency: Number.NaN })).rejects.toThrow(/concurrency must be a whole number/);
    await expect(resolveEnv({}, { concurrency: 1.5 })).rejects.toThrow(/concurrency must be a whole number from 1 to 1000, got 1.5/);
    await expect(resolveEnv({}, { fallback: 'nope' as 'error' })).rejects.toThrow(/fallback must be/);
  });
});

describe('Function: resolveEnv — extraction', () => {
  it('reports SECRET_NOT_JSON, JSON_KEY_NOT_FOUND with key names only, and SECRET_IS_BINARY', async () => {
    sm = mockStore([
      { name: 'text', value: 'not-json-canary-TEXT' },
      { name: 'json', value: JSON.stringify({ api_key: 'canary-API', webhook_secret: 'canary-HOOK' }) },
      { name: 'bin', binary: new Uint8Array([1, 2, 3, 255]) },
      { name: 'arr', value: '[1,2]' },
    ]);
    const err = await failure(resolveEnv({
      T: 'secretsmanager:text:k', J: 'secretsmanager:json:key', B: 'secretsmanager:bin:k', A: 'secretsmanager:arr:0', RAW: 'secretsmanager:bin',
    }));
    expect(byKey(err.issues, 'T')).toMatchObject({ code: 'SECRET_NOT_JSON', jsonKey: 'k' });
    expect(byKey(err.issues, 'J')).toMatchObject({ code: 'JSON_KEY_NOT_FOUND', hint: 'keys present: api_key, webhook_secret' });
    expect(byKey(err.issues, 'B')).toMatchObject({ code: 'SECRET_IS_BINARY' });
    expect(byKey(err.issues, 'A')).toMatchObject({ code: 'SECRET_NOT_JSON' });
    expect(byKey(err.issues, 'RAW')).toBeUndefined();
    expect(err.message).toMatch(/✗ J\s+json:key\s+JSON_KEY_NOT_FOUND\s+the secret "json" has no JSON key "key"\n\s+keys present: api_key, webhook_secret/);
  });

  it('returns a binary secret base64-encoded and stringifies non-string JSON values', async () => {
    sm = mockStore([
      { name: 'bin', binary: new Uint8Array([1, 2, 3, 255]) },
      { name: 'j', value: JSON.stringify({ n: 42, b: false, o: { x: [1] }, nil: null }) },
    ]);
    const { env } = await resolveEnv({ B: 'secretsmanager:bin', N: 'secretsmanager:j:n', F: 'secretsmanager:j:b', O: 'secretsmanager:j:o', Z: 'secretsmanager:j:nil' });
    expect(env).toEqual({ B: 'AQID/w==', N: '42', F: 'false', O: '{"x":[1]}', Z: 'null' });
  });

  it('reads __proto__ and constructor keys as plain data, without prototype pollution', async () => {
    sm = mockStore([{ name: 'evil', value: '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"ok":"fine"}' }]);
    const input = JSON.parse(
      '{"P":"secretsmanager:evil:__proto__","C":"secretsmanager:evil:constructor","OK":"secretsmanager:evil:ok","__proto__":"secretsmanager:evil:ok"}',
    ) as Record<string, string>;
    const { env } = await resolveEnv(input);
    expect(env.P).toBe('{"polluted":"yes"}');
    expect(env.C).toBe('{"prototype":{"polluted":"yes"}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(env, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(env, '__proto__')?.value).toBe('fine');
    expect(Object.getPrototypeOf(env)).toBe(Object.prototype);
    const missing = await failure(resolveEnv({ X: 'secretsmanager:evil:toString', Y: 'secretsmanager:evil:hasOwnProperty' }));
    expect(missing.issues.map((i) => i.code)).toEqual(['JSON_KEY_NOT_FOUND', 'JSON_KEY_NOT_FOUND']);
  });
});

describe('Function: resolveEnv — input issues and optional keys', () => {
  it('collects every INVALID_REFERENCE with the key and the segment at fault, and fetches nothing', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }]);
    const err = await failure(resolveEnv({
      A: 'secretsmanager:a',
      BAD1: 'secretsmanager:',
      BAD2: 'secretsmanager:my secret',
      BAD3: 'x{{resolve:secretsmanager:a:SecretBinary}}',
      BAD4: 'x{{resolve:secretsmanager:a',
      BAD5: 'secretsmanager:arn:aws:secretsmanager:us-east-1:123:secret:a',
    }));
    expect(err.issues.map((i) => [i.code, i.keys[0]])).toEqual([
      ['INVALID_REFERENCE', 'BAD1'], ['INVALID_REFERENCE', 'BAD2'], ['INVALID_REFERENCE', 'BAD3'], ['INVALID_REFERENCE', 'BAD4'], ['INVALID_REFERENCE', 'BAD5'],
    ]);
    expect(byKey(err.issues, 'BAD2')?.message).toMatch(/contains a space/);
    expect(byKey(err.issues, 'BAD5')?.message).toMatch(/invalid account id "123"/);
    expect(err.report.resolvedReferences).toBe(1);
  });

  it('turns failures of optional keys into warnings and leaves them unset', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }]);
    const { env, report, unset } = await resolveEnv({ A: 'secretsmanager:a', OPT: 'secretsmanager:missing', LIT: 'x' }, { optional: ['OPT'] });
    expect(env).toEqual({ A: 'A', LIT: 'x' });
    expect(unset).toEqual(['OPT']);
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'SECRET_NOT_FOUND', keys: ['OPT'] })]);
    // An optional key with a syntax error is still an error: a typo must not silently unset a variable.
    const err = await failure(resolveEnv({ OPT: 'secretsmanager:bad name' }, { optional: ['OPT'] }));
    expect(err.issues[0]?.code).toBe('INVALID_REFERENCE');
  });
});

describe('Function: resolveEnv — fallback across chunks', () => {
  it('gives one BATCH_ACCESS_DENIED warning per region however many chunks were denied', async () => {
    const store = Array.from({ length: 45 }, (_, i) => ({ name: `s${i}`, value: `v${i}` }));
    sm = mockStore(store);
    sm.on(BatchGetSecretValueCommand).rejects(serviceError('AccessDeniedException', 'not authorized to perform: secretsmanager:BatchGetSecretValue'));
    const { env, report } = await resolveEnv(Object.fromEntries(store.map((s) => [s.name.toUpperCase(), `secretsmanager:${s.name}`])));
    expect(env.S44).toBe('v44');
    expect(report.calls).toEqual({ BatchGetSecretValue: 3, GetSecretValue: 45 });
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]?.message).toBe('BatchGetSecretValue was denied in us-east-1; read 45 secrets with 45 GetSecretValue calls instead');
    expect(report.warnings[0]?.hint).toMatch(/to read them in 3 calls$/);
    expect(report.warnings[0]?.keys).toHaveLength(45);
  });
});

describe('Function: formatReport', () => {
  it('shortens a row that names many keys', async () => {
    sm = mockStore([]);
    sm.on(BatchGetSecretValueCommand).rejects(serviceError('AccessDeniedException', 'not authorized to perform: secretsmanager:BatchGetSecretValue'));
    const err = await failure(resolveEnv(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`K${i}`, 'secretsmanager:shared'])), { fallback: 'error' }));
    expect(err.issues[0]?.keys).toHaveLength(6);
    expect(err.message).toMatch(/✗ K0, K1, K2 \(\+3 more\)\s+shared\s+BATCH_ACCESS_DENIED/);
  });
});

describe('Option: signal', () => {
  it("reports TIMEOUT saying the caller's signal aborted it, and makes no call when it is already aborted", async () => {
    sm = mockStore([{ name: 'a', value: 'A' }]);
    const controller = new AbortController();
    controller.abort();
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:b-AbCdEf';
    const err = await failure(resolveEnv({ A: 'secretsmanager:a', B: `secretsmanager:${arn}` }, { signal: controller.signal }));
    expect(err.issues.map((i) => [i.code, i.keys[0]])).toEqual([['TIMEOUT', 'A'], ['TIMEOUT', 'B']]);
    expect(err.issues[0]?.message).toBe(`reading "a" was aborted by the caller's signal before Secrets Manager answered`);
    expect(sm.calls()).toHaveLength(0);
  });

  it('aborts in-flight calls when the signal fires', async () => {
    sm = mockStore([]);
    sm.on(BatchGetSecretValueCommand).callsFake(() => new Promise(() => {}));
    const controller = new AbortController();
    const p = resolveEnv({ A: 'secretsmanager:a' }, { signal: controller.signal, timeoutMs: 60_000 }).then(() => undefined, (e: unknown) => e);
    await new Promise((r) => setImmediate(r));
    controller.abort();
    const err = (await p) as SecretResolutionError;
    expect(err.issues[0]?.message).toMatch(/aborted by the caller's signal/);
  });
});
