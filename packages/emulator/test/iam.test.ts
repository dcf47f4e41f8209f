import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle, type EmulatorLogEntry, type EmulatorSeed } from '../src/index.js';
import { BATCH_AND_GET_EACH, BATCH_AND_LIST_ONLY, WRITEUP_ACCOUNT } from './fixtures/writeup-policies.js';
import { failure, rawCall, smClient } from './helpers.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/cmk-1';
const ARN = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}`;

describe('IAM: the write-up policies', () => {
  let emulator: EmulatorHandle;
  beforeAll(async () => {
    emulator = await startEmulator({
      seed: {
        accountId: WRITEUP_ACCOUNT,
        secrets: [{ name: 'SecretOne', value: 'one' }, { name: 'SecretTwo', value: 'two' }, { name: 'SecretThree', value: 'three' }],
        callers: [
          { accessKeyId: 'AKIABATCHONLY', arn: `arn:aws:iam::${WRITEUP_ACCOUNT}:role/batch-only`, policy: BATCH_AND_LIST_ONLY },
          { accessKeyId: 'AKIABATCHGET', arn: `arn:aws:iam::${WRITEUP_ACCOUNT}:role/batch-get`, policy: BATCH_AND_GET_EACH },
        ],
      },
    });
  });
  afterAll(() => emulator.stop());
  const ids = ['SecretOne', 'SecretTwo', 'SecretThree'];

  it('with the first policy: HTTP 200, three AccessDeniedException entries and no values', async () => {
    const sm = smClient(emulator.endpoint, 'AKIABATCHONLY');
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ids }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.SecretValues).toEqual([]);
    expect(out.Errors?.map((e) => [e.SecretId, e.ErrorCode])).toEqual(ids.map((id) => [id, 'AccessDeniedException']));
    expect(out.Errors?.[0]?.Message).toBe(
      `User: arn:aws:iam::${WRITEUP_ACCOUNT}:role/batch-only is not authorized to perform: secretsmanager:GetSecretValue on resource: ${emulator.secretArn('SecretOne')} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    );
    sm.destroy();
  });

  it('with the second policy: all three values', async () => {
    const sm = smClient(emulator.endpoint, 'AKIABATCHGET');
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ids }));
    expect(out.SecretValues?.map((v) => v.SecretString)).toEqual(['one', 'two', 'three']);
    expect(out.Errors).toEqual([]);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'SecretTwo' }))).Name).toBe('SecretTwo');
    sm.destroy();
  });
});

describe('IAM: whole-call and per-secret decisions', () => {
  let emulator: EmulatorHandle;
  const logs: EmulatorLogEntry[] = [];
  const seed: EmulatorSeed = {
    secrets: [
      { name: 'app/db', value: 'db' },
      { name: 'app/cmk', value: 'cmk', kmsKeyId: KEY },
      { name: 'app/denied', value: 'denied' },
      { name: 'other', value: 'other' },
    ],
    callers: [
      {
        accessKeyId: 'AKIAAPP',
        arn: 'arn:aws:iam::123456789012:role/app',
        policy: [
          { Version: '2012-10-17', Statement: [
            { Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: '*' },
            { Effect: 'Allow', Action: 'secretsmanager:*', Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/*' },
          ] },
          { Version: '2012-10-17', Statement: [
            { Sid: 'NoDenied', Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:app/denied-??????' },
            { Sid: 'OnlyWithTag', Effect: 'Allow', Action: 'kms:Decrypt', Resource: KEY, Condition: { StringEquals: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' } } },
          ] },
        ],
      },
      { accessKeyId: 'AKIANOBATCH', arn: 'arn:aws:iam::123456789012:role/no-batch', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] } },
      { accessKeyId: 'AKIANOLIST', arn: 'arn:aws:iam::123456789012:role/no-list', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'], Resource: '*' }] } },
      { accessKeyId: 'AKIANOTHING', arn: 'arn:aws:iam::123456789012:user/nobody' },
    ],
  };
  beforeAll(async () => {
    emulator = await startEmulator({ seed, log: (e) => logs.push(e) });
  });
  afterAll(() => emulator.stop());

  it('denies the whole batch call without BatchGetSecretValue on *', async () => {
    const sm = smClient(emulator.endpoint, 'AKIANOBATCH');
    const error = await failure(sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/db'] })));
    expect(error).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      attempts: 1,
      message: 'User: arn:aws:iam::123456789012:role/no-batch is not authorized to perform: secretsmanager:BatchGetSecretValue because no identity-based policy allows the secretsmanager:BatchGetSecretValue action',
    });
    sm.destroy();
  });

  it('needs ListSecrets too when Filters are used', async () => {
    const sm = smClient(emulator.endpoint, 'AKIANOLIST');
    expect((await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/db'] }))).SecretValues).toHaveLength(1);
    const error = await failure(sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['app'] }] })));
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toContain('secretsmanager:ListSecrets');
    sm.destroy();
  });

  it('reports AccessDenied, explicit deny, DecryptionFailure and not-found per secret', async () => {
    const sm = smClient(emulator.endpoint, 'AKIAAPP');
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/db', 'app/cmk', 'app/denied', 'other', 'app/missing', 'missing'] }));
    expect(out.SecretValues?.map((v) => v.Name)).toEqual(['app/db']);
    expect(out.Errors?.map((e) => [e.SecretId, e.ErrorCode])).toEqual([
      ['app/cmk', 'DecryptionFailure'],
      ['app/denied', 'AccessDeniedException'],
      ['other', 'AccessDeniedException'],
      ['app/missing', 'ResourceNotFoundException'],
      ['missing', 'AccessDeniedException'],
    ]);
    expect(out.Errors?.[1]?.Message).toMatch(/with an explicit deny in an identity-based policy$/);
    sm.destroy();
  });

  it('applies the same rules to GetSecretValue as whole-call errors', async () => {
    const sm = smClient(emulator.endpoint, 'AKIAAPP');
    expect(await failure(sm.send(new GetSecretValueCommand({ SecretId: 'app/cmk' })))).toMatchObject({ name: 'DecryptionFailure', status: 400 });
    expect(await failure(sm.send(new GetSecretValueCommand({ SecretId: 'other' })))).toMatchObject({
      name: 'AccessDeniedException',
      status: 400,
      message: `User: arn:aws:iam::123456789012:role/app is not authorized to perform: secretsmanager:GetSecretValue on resource: ${emulator.secretArn('other')} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
    });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'app/db' }))).SecretString).toBe('db');
    sm.destroy();
  });

  it('checks secretsmanager:<Op> on the secret ARN for the other operations', async () => {
    const app = smClient(emulator.endpoint, 'AKIAAPP');
    const nobody = smClient(emulator.endpoint, 'AKIANOTHING');
    expect((await app.send(new CreateSecretCommand({ Name: 'app/new', SecretString: 'n' }))).Name).toBe('app/new');
    await app.send(new PutSecretValueCommand({ SecretId: 'app/new', SecretString: 'n2' }));
    await app.send(new DescribeSecretCommand({ SecretId: 'app/new' }));
    await app.send(new ListSecretsCommand({}));
    const denied = [
      app.send(new CreateSecretCommand({ Name: 'elsewhere', SecretString: 'n' })),
      app.send(new PutSecretValueCommand({ SecretId: 'other', SecretString: 'x' })),
      app.send(new DescribeSecretCommand({ SecretId: 'other' })),
      app.send(new DeleteSecretCommand({ SecretId: 'other' })),
      app.send(new UpdateSecretVersionStageCommand({ SecretId: 'other', VersionStage: 'X', MoveToVersionId: 'a'.repeat(32) })),
      nobody.send(new ListSecretsCommand({})),
      nobody.send(new DescribeSecretCommand({ SecretId: 'app/db' })),
    ];
    for (const call of denied) expect(await failure(call)).toMatchObject({ name: 'AccessDeniedException', status: 400 });
    await app.send(new DeleteSecretCommand({ SecretId: 'app/new', ForceDeleteWithoutRecovery: true }));
    app.destroy();
    nobody.destroy();
  });

  it('answers UnrecognizedClientException for an unknown access key and a missing Authorization header', async () => {
    const stranger = smClient(emulator.endpoint, 'AKIASTRANGER');
    expect(await failure(stranger.send(new ListSecretsCommand({})))).toMatchObject({
      name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.',
    });
    stranger.destroy();
    const anonymous = await rawCall(emulator.endpoint, 'secretsmanager.ListSecrets', '{}', { authorization: '' });
    expect(anonymous.status).toBe(400);
    expect(anonymous.json?.['__type']).toBe('MissingAuthenticationTokenException');
  });

  it('warns once per statement that has a Condition', async () => {
    const sm = smClient(emulator.endpoint, 'AKIAAPP');
    await failure(sm.send(new GetSecretValueCommand({ SecretId: 'app/cmk' })));
    await failure(sm.send(new GetSecretValueCommand({ SecretId: 'app/cmk' })));
    const warnings = logs.filter((e) => e.kind === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'warning', message: expect.stringMatching(/statement 1 \(Sid OnlyWithTag\) of arn:aws:iam::123456789012:role\/app has a Condition/) });
    sm.destroy();
  });
});

describe('IAM: no callers', () => {
  it('lets every caller do everything', async () => {
    const emulator = await startEmulator({ seed: { secrets: [{ name: 'x', value: 'v', kmsKeyId: KEY }] } });
    const sm = smClient(emulator.endpoint, 'ANYKEY');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: ARN('x') }))).SecretString).toBe('v');
    sm.destroy();
    await emulator.stop();
  });
});
