import { BatchGetSecretValueCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig, resolveEnv, SecretResolutionError } from '../src/index.js';
import { arnOf, manySecrets, mockStore } from './helpers/mock-sm.js';

let sm: AwsClientStub<SecretsManagerClient> | undefined;
afterEach(() => sm?.restore());

describe('Function: resolveEnv — planning and batching', () => {
  it('resolves 45 references to 45 distinct secrets with exactly 3 BatchGetSecretValue calls (20+20+5) and no GetSecretValue', async () => {
    // Prepare
    const store = manySecrets(45);
    sm = mockStore(store);
    const env = Object.fromEntries(store.map((s, i) => [`KEY_${i}`, `secretsmanager:${s.name}`]));
    // Act
    const { env: out, report } = await resolveEnv(env);
    // Assess
    expect(sm).toHaveReceivedCommandTimes(BatchGetSecretValueCommand, 3);
    expect(sm).toHaveReceivedCommandTimes(GetSecretValueCommand, 0);
    const sizes = sm.commandCalls(BatchGetSecretValueCommand).map((c) => c.args[0].input.SecretIdList?.length).sort();
    expect(sizes).toEqual([20, 20, 5]);
    for (let i = 0; i < 45; i++) expect(out[`KEY_${i}`]).toBe(`value-${i}`);
    expect(report.calls).toEqual({ BatchGetSecretValue: 3, GetSecretValue: 0 });
    expect(report.secrets).toBe(45);
    expect(report.references).toBe(45);
    expect(report.resolvedReferences).toBe(45);
    expect(report.ok).toBe(true);
  });

  it('fetches one secret once for three JSON keys plus the whole secret', async () => {
    const json = JSON.stringify({ user: 'app', password: 'pw-1', port: 5432 });
    sm = mockStore([{ name: 'prod/db', value: json }]);
    const { env } = await resolveEnv({
      DB_USER: 'secretsmanager:prod/db:user',
      DB_PASSWORD: 'secretsmanager:prod/db:password',
      DB_PORT: '{{resolve:secretsmanager:prod/db:SecretString:port}}',
      DB_JSON: 'secretsmanager:prod/db',
    });
    expect(sm).toHaveReceivedCommandTimes(BatchGetSecretValueCommand, 1);
    expect(sm).toHaveReceivedCommandWith(BatchGetSecretValueCommand, { SecretIdList: ['prod/db'] });
    expect(env).toEqual({ DB_USER: 'app', DB_PASSWORD: 'pw-1', DB_PORT: '5432', DB_JSON: json });
  });

  it('maps names, full ARNs and partial ARNs back when the response lists them in another order', async () => {
    const a = { name: 'svc/a', value: 'A' };
    const b = { name: 'svc/b', value: 'B', suffix: 'Zz9Yy8' };
    const c = { name: 'svc/c', value: 'C', suffix: 'Qq1Ww2' };
    sm = mockStore([a, b, c], { reverse: true });
    const partialC = arnOf(c).slice(0, -7);
    const { env, report } = await resolveEnv({
      A: 'secretsmanager:svc/a',
      B: `secretsmanager:${arnOf(b)}`,
      C: `secretsmanager:${partialC}`,
    });
    expect(env).toEqual({ A: 'A', B: 'B', C: 'C' });
    expect(sm).toHaveReceivedCommandTimes(BatchGetSecretValueCommand, 1);
    expect(report.resolved.find((r) => r.key === 'C')?.arn).toBe(arnOf(c));
  });

  it('reports MISSING_FROM_RESPONSE for an id found in neither SecretValues nor Errors', async () => {
    sm = mockStore([]);
    sm.on(BatchGetSecretValueCommand).resolves({
      SecretValues: [{ Name: 'svc/a', ARN: arnOf({ name: 'svc/a' }), SecretString: 'A' }],
      Errors: [],
    });
    const err = await resolveEnv({ A: 'secretsmanager:svc/a', B: 'secretsmanager:svc/b' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretResolutionError);
    const issues = (err as SecretResolutionError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'MISSING_FROM_RESPONSE', keys: ['B'], secretId: 'svc/b' });
  });

  it('follows NextToken with the same SecretIdList and never sends MaxResults', async () => {
    sm = mockStore([]);
    sm.on(BatchGetSecretValueCommand)
      .resolvesOnce({ SecretValues: [{ Name: 'x', ARN: arnOf({ name: 'x' }), SecretString: 'X' }], Errors: [], NextToken: 'page-2' })
      .resolvesOnce({ SecretValues: [{ Name: 'y', ARN: arnOf({ name: 'y' }), SecretString: 'Y' }], Errors: [] });
    const { env } = await resolveEnv({ X: 'secretsmanager:x', Y: 'secretsmanager:y' });
    expect(env).toEqual({ X: 'X', Y: 'Y' });
    const calls = sm.commandCalls(BatchGetSecretValueCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([{ SecretIdList: ['x', 'y'] }, { SecretIdList: ['x', 'y'], NextToken: 'page-2' }]);
  });

  it('reads pinned references (stage or version id) with GetSecretValue and the rest of the same secret by batch', async () => {
    sm = mockStore([{ name: 'prod/api', value: 'current', previous: 'previous', versionId: 'v0000000000000000000000000000001' }]);
    const { env, report } = await resolveEnv({
      NOW: 'secretsmanager:prod/api',
      PREV: 'secretsmanager:prod/api::AWSPREVIOUS',
      BY_ID: 'secretsmanager:prod/api:::v0000000000000000000000000000001',
    });
    expect(env).toEqual({ NOW: 'current', PREV: 'previous', BY_ID: 'current' });
    expect(sm).toHaveReceivedCommandTimes(BatchGetSecretValueCommand, 1);
    expect(sm).toHaveReceivedCommandWith(BatchGetSecretValueCommand, { SecretIdList: ['prod/api'] });
    expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'prod/api', VersionStage: 'AWSPREVIOUS' });
    expect(sm).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'prod/api', VersionId: 'v0000000000000000000000000000001' });
    expect(report.calls).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 2 });
    expect(report.resolved.find((r) => r.key === 'PREV')?.via).toBe('GetSecretValue');
  });

  it('uses one client per region and batches in each when ARNs name two regions', async () => {
    const east = manySecrets(3, 'east/').map((s) => ({ ...s, region: 'us-east-1' }));
    const west = manySecrets(2, 'west/').map((s) => ({ ...s, region: 'eu-west-1', value: `w-${s.value}` }));
    sm = mockStore([...east, ...west]);
    const env = {
      ...Object.fromEntries(east.map((s, i) => [`E${i}`, `secretsmanager:${s.name}`])),
      ...Object.fromEntries(west.map((s, i) => [`W${i}`, `secretsmanager:${arnOf(s)}`])),
    };
    const { env: out, report } = await resolveEnv(env, { region: 'us-east-1' });
    expect(out).toMatchObject({ E0: 'value-0', E2: 'value-2', W0: 'w-value-0', W1: 'w-value-1' });
    const calls = sm.commandCalls(BatchGetSecretValueCommand);
    expect(calls).toHaveLength(2);
    const regions = await Promise.all(calls.map((c) => (c.thisValue as SecretsManagerClient).config.region()));
    expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(new Set(calls.map((c) => c.thisValue)).size).toBe(2);
    expect(report.regions).toEqual(['eu-west-1', 'us-east-1']);
  });

  it('substitutes several embedded references inside one value', async () => {
    sm = mockStore([{ name: 'prod/db', value: JSON.stringify({ user: 'u1', password: 'p@ss' }) }, { name: 'prod/host', value: 'db.internal' }]);
    const { env } = await resolveEnv({
      DATABASE_URL: 'postgres://{{resolve:secretsmanager:prod/db:SecretString:user}}:{{resolve:secretsmanager:prod/db:SecretString:password}}@{{resolve:secretsmanager:prod/host}}:5432/app',
      PLAIN: 'no references here',
    });
    expect(env.DATABASE_URL).toBe('postgres://u1:p@ss@db.internal:5432/app');
    expect(env.PLAIN).toBe('no references here');
    expect(sm).toHaveReceivedCommandTimes(BatchGetSecretValueCommand, 1);
  });

  it('never mutates its input and makes no call when there is no reference', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }]);
    const input = { A: 'secretsmanager:a', B: 'literal' };
    const before = { ...input };
    await resolveEnv(input);
    expect(input).toEqual(before);
    sm.resetHistory();
    const { report } = await resolveEnv({ X: 'plain', Y: 'values' });
    expect(sm.calls()).toHaveLength(0);
    expect(report.references).toBe(0);
  });

  it('uses the client passed in for its own region', async () => {
    sm = mockStore([{ name: 'a', value: 'A', region: 'ap-southeast-2' }]);
    const client = new SecretsManagerClient({ region: 'ap-southeast-2' });
    const { env } = await resolveEnv({ A: 'secretsmanager:a' }, { client });
    expect(env.A).toBe('A');
    expect(sm.commandCalls(BatchGetSecretValueCommand)[0]?.thisValue).toBe(client);
  });
});

describe('Function: resolveConfig', () => {
  it('resolves string leaves of nested objects and arrays and names failing paths', async () => {
    sm = mockStore([{ name: 'prod/db', value: JSON.stringify({ password: 'pw' }) }]);
    const input = { db: { password: 'secretsmanager:prod/db:password', port: 5432 }, servers: [{ url: 'https://x' }, { token: 'secretsmanager:prod/db:nope' }] };
    const err = (await resolveConfig(input).catch((e: unknown) => e)) as SecretResolutionError;
    expect(err.issues.map((i) => [i.code, i.keys])).toEqual([['JSON_KEY_NOT_FOUND', ['servers[1].token']]]);
    const { config } = await resolveConfig({ db: input.db, list: ['secretsmanager:prod/db:password', 3, true, null] });
    expect(config).toEqual({ db: { password: 'pw', port: 5432 }, list: ['pw', 3, true, null] });
    expect(input.db.password).toBe('secretsmanager:prod/db:password');
  });

  it('drops optional paths that fail and keeps non-plain objects by reference', async () => {
    sm = mockStore([]);
    const when = new Date(0);
    const { config, report, unset } = await resolveConfig({ a: { token: 'secretsmanager:missing' }, when }, { optional: ['a.token'] });
    expect(config).toEqual({ a: {}, when });
    expect(config.when).toBe(when);
    expect(unset).toEqual(['a.token']);
    expect(report.warnings[0]).toMatchObject({ code: 'SECRET_NOT_FOUND', keys: ['a.token'] });
  });

  it('rejects circular config with a clear error', async () => {
    const a: Record<string, unknown> = { x: 'secretsmanager:a' };
    a.self = a;
    await expect(resolveConfig(a)).rejects.toThrow(/circular reference at self/);
  });
});
