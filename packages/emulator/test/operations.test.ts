import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../src/index.js';
import { failure, smClient } from './helpers.js';

const ARN_PREFIX = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:';
let emulator: EmulatorHandle;
let sm: SecretsManagerClient;

beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      secrets: [
        { name: 'prod/db', value: { username: 'app', password: 'pw1' }, previousValue: { username: 'app', password: 'pw0' }, arnSuffix: 'AbCdEf', description: 'database', tags: { team: 'payments' } },
        { name: 'prod/api', value: 'api-key', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1' },
        { name: 'bin', binary: 'AQID/w==' },
        { name: 'empty' },
        { name: 'old', value: 'x', deleted: true },
      ],
    },
  });
  sm = smClient(emulator.endpoint);
});
afterAll(async () => {
  sm.destroy();
  await emulator.stop();
});
beforeEach(() => emulator.reset({ reseed: true }));

describe('Operation: GetSecretValue', () => {
  it('returns the current version by name, full ARN and partial ARN', async () => {
    for (const id of ['prod/db', `${ARN_PREFIX}prod/db-AbCdEf`, `${ARN_PREFIX}prod/db`]) {
      const out = await sm.send(new GetSecretValueCommand({ SecretId: id }));
      expect(out).toMatchObject({ ARN: `${ARN_PREFIX}prod/db-AbCdEf`, Name: 'prod/db', SecretString: '{"username":"app","password":"pw1"}', VersionStages: ['AWSCURRENT'] });
      expect(out.CreatedDate).toBeInstanceOf(Date);
      expect(out.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('returns AWSPREVIOUS by VersionStage and a version by VersionId', async () => {
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' }));
    expect(previous.SecretString).toContain('pw0');
    const byId = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionId: previous.VersionId }));
    expect(byId.SecretString).toBe(previous.SecretString);
    const both = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionId: previous.VersionId, VersionStage: 'AWSPREVIOUS' }));
    expect(both.VersionStages).toEqual(['AWSPREVIOUS']);
  });

  it('decodes SecretBinary to bytes', async () => {
    const out = await sm.send(new GetSecretValueCommand({ SecretId: 'bin' }));
    expect([...(out.SecretBinary ?? [])]).toEqual([1, 2, 3, 255]);
    expect(out.SecretString).toBeUndefined();
  });

  it.each([
    ['a missing secret', { SecretId: 'nope' }, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret."],
    ['an ARN of another region', { SecretId: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf' }, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret."],
    ['a secret with no value', { SecretId: 'empty' }, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT"],
    ['a missing stage', { SecretId: 'bin', VersionStage: 'AWSPREVIOUS' }, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS"],
    ['a missing version id', { SecretId: 'bin', VersionId: '00000000-0000-0000-0000-000000000000' }, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret value for VersionId: 00000000-0000-0000-0000-000000000000"],
    ['a secret scheduled for deletion', { SecretId: 'old' }, 'InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion."],
  ])('answers %s with HTTP 400 %s', async (_label, input, name, message) => {
    expect(await failure(sm.send(new GetSecretValueCommand(input)))).toMatchObject({ name, message, status: 400 });
  });

  it('answers InvalidRequestException when VersionId and VersionStage disagree', async () => {
    const current = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }));
    const error = await failure(sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionId: current.VersionId, VersionStage: 'AWSPREVIOUS' })));
    expect(error).toMatchObject({ name: 'InvalidRequestException', status: 400, message: 'You provided a VersionStage that is not associated to the provided VersionId.' });
  });
});

describe('Operation: BatchGetSecretValue', () => {
  it('returns values and per-secret errors in one HTTP 200 answer, echoing each id', async () => {
    const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['prod/db', 'nope', `${ARN_PREFIX}bin`, 'old', 'empty'] }));
    expect(out.SecretValues?.map((v) => v.Name)).toEqual(['prod/db', 'bin']);
    expect(out.SecretValues?.[0]).toMatchObject({ ARN: `${ARN_PREFIX}prod/db-AbCdEf`, VersionStages: ['AWSCURRENT'] });
    expect(out.SecretValues?.[0]?.CreatedDate).toBeInstanceOf(Date);
    expect(out.Errors).toEqual([
      { SecretId: 'nope', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." },
      { SecretId: 'old', ErrorCode: 'InvalidRequestException', Message: "You can't perform this operation on the secret because it was marked for deletion." },
      { SecretId: 'empty', ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT" },
    ]);
    expect(out.NextToken).toBeUndefined();
    expect(emulator.stats()).toMatchObject({ secretReads: 5, valuesReturned: 2 });
  });

  it('selects secrets with Filters and pages them with MaxResults and NextToken', async () => {
    const first = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['prod/'] }], MaxResults: 1 }));
    expect(first.SecretValues?.map((v) => v.Name)).toEqual(['prod/db']);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['prod/'] }], MaxResults: 1, NextToken: first.NextToken }));
    expect(second.SecretValues?.map((v) => v.Name)).toEqual(['prod/api']);
    expect(second.NextToken).toBeUndefined();
  });

  it('excludes secrets scheduled for deletion from Filters and supports negation', async () => {
    const out = await sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['!prod'] }] }));
    expect(out.SecretValues?.map((v) => v.Name)).toEqual(['bin']);
    expect(out.Errors?.map((e) => e.ErrorCode)).toEqual(['ResourceNotFoundException']);
  });

  it('pages a SecretIdList when batchPageSize is lowered, re-sending the same list', async () => {
    const paged = await startEmulator({ seed: { secrets: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }, { name: 'c', value: '3' }] }, batchPageSize: 2 });
    const client = smClient(paged.endpoint);
    try {
      const ids = ['a', 'b', 'c'];
      const first = await client.send(new BatchGetSecretValueCommand({ SecretIdList: ids }));
      expect(first.SecretValues?.map((v) => v.Name)).toEqual(['a', 'b']);
      const second = await client.send(new BatchGetSecretValueCommand({ SecretIdList: ids, NextToken: first.NextToken }));
      expect(second.SecretValues?.map((v) => v.Name)).toEqual(['c']);
      expect(second.NextToken).toBeUndefined();
      const reused = await failure(client.send(new BatchGetSecretValueCommand({ SecretIdList: ['a'], NextToken: first.NextToken })));
      expect(reused).toMatchObject({ name: 'InvalidNextTokenException', status: 400 });
    } finally {
      client.destroy();
      await paged.stop();
    }
  });
});

describe('Operation: CreateSecret and PutSecretValue', () => {
  it('creates a secret whose ARN carries a 6-character suffix', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'new/one', SecretString: 's1', Description: 'd', Tags: [{ Key: 'k', Value: 'v' }] }));
    expect(created.ARN).toMatch(new RegExp(`^${ARN_PREFIX}new/one-[A-Za-z0-9]{6}$`));
    expect(created.VersionId).toEqual(expect.any(String));
    expect(emulator.secretArn('new/one')).toBe(created.ARN);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: created.ARN }))).SecretString).toBe('s1');
  });

  it('creates binary secrets and secrets without a value', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'new/bin', SecretBinary: new Uint8Array([0, 1, 2]) }));
    expect([...((await sm.send(new GetSecretValueCommand({ SecretId: 'new/bin' }))).SecretBinary ?? [])]).toEqual([0, 1, 2]);
    const bare = await sm.send(new CreateSecretCommand({ Name: 'new/bare' }));
    expect(bare.VersionId).toBeUndefined();
  });

  it('is idempotent for the same ClientRequestToken and value, and refuses a duplicate name otherwise', async () => {
    const token = 'a'.repeat(32);
    const first = await sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'v', ClientRequestToken: token }));
    const again = await sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'v', ClientRequestToken: token }));
    expect(again).toMatchObject({ ARN: first.ARN, VersionId: token });
    const error = await failure(sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'other' })));
    expect(error).toMatchObject({ name: 'ResourceExistsException', status: 400, message: 'The operation failed because the secret dup already exists.' });
  });

  it('refuses to create a secret whose name is scheduled for deletion', async () => {
    const error = await failure(sm.send(new CreateSecretCommand({ Name: 'old', SecretString: 'v' })));
    expect(error).toMatchObject({ name: 'InvalidRequestException', status: 400 });
  });

  it('moves AWSCURRENT to the new version and AWSPREVIOUS to the old one', async () => {
    const before = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api' }));
    const put = await sm.send(new PutSecretValueCommand({ SecretId: 'prod/api', SecretString: 'api-key-2' }));
    expect(put).toMatchObject({ Name: 'prod/api', VersionStages: ['AWSCURRENT'] });
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api' }))).SecretString).toBe('api-key-2');
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api', VersionStage: 'AWSPREVIOUS' }));
    expect(previous).toMatchObject({ VersionId: before.VersionId, SecretString: 'api-key' });
  });

  it('adds a version under a custom stage without moving AWSCURRENT', async () => {
    await sm.send(new PutSecretValueCommand({ SecretId: 'bin', SecretString: 'pending', VersionStages: ['AWSPENDING'] }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'bin', VersionStage: 'AWSPENDING' }))).SecretString).toBe('pending');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'bin' }))).SecretBinary).toBeDefined();
  });

  it('gives the first value of an empty secret AWSCURRENT', async () => {
    await sm.send(new PutSecretValueCommand({ SecretId: 'empty', SecretString: 'now', VersionStages: ['AWSPENDING'] }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'empty' }))).VersionStages?.sort()).toEqual(['AWSCURRENT', 'AWSPENDING']);
  });

  it('refuses to change an existing version and answers idempotently for the same one', async () => {
    const token = 'b'.repeat(32);
    await sm.send(new PutSecretValueCommand({ SecretId: 'bin', SecretString: 'v', ClientRequestToken: token }));
    const again = await sm.send(new PutSecretValueCommand({ SecretId: 'bin', SecretString: 'v', ClientRequestToken: token }));
    expect(again.VersionId).toBe(token);
    const error = await failure(sm.send(new PutSecretValueCommand({ SecretId: 'bin', SecretString: 'w', ClientRequestToken: token })));
    expect(error).toMatchObject({ name: 'ResourceExistsException', status: 400 });
  });

  it.each([
    ['no value', { SecretId: 'bin' }, 'InvalidRequestException'],
    ['both values', { SecretId: 'bin', SecretString: 'a', SecretBinary: new Uint8Array([1]) }, 'InvalidParameterException'],
    ['a missing secret', { SecretId: 'nope', SecretString: 'a' }, 'ResourceNotFoundException'],
    ['a deleted secret', { SecretId: 'old', SecretString: 'a' }, 'InvalidRequestException'],
  ])('PutSecretValue with %s answers %s', async (_label, input, name) => {
    expect(await failure(sm.send(new PutSecretValueCommand(input)))).toMatchObject({ name, status: 400 });
  });
});

describe('Operation: DescribeSecret and ListSecrets', () => {
  it('describes metadata and stages, never values', async () => {
    const out = await sm.send(new DescribeSecretCommand({ SecretId: 'prod/db' }));
    expect(out).toMatchObject({ Name: 'prod/db', Description: 'database', Tags: [{ Key: 'team', Value: 'payments' }], RotationEnabled: false });
    expect(Object.values(out.VersionIdsToStages ?? {}).sort()).toEqual([['AWSCURRENT'], ['AWSPREVIOUS']]);
    expect(out.CreatedDate).toBeInstanceOf(Date);
    expect(JSON.stringify(out)).not.toContain('pw1');
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'prod/api' }))).KmsKeyId).toBe('arn:aws:kms:us-east-1:123456789012:key/k1');
  });

  it('lists secrets, hiding those scheduled for deletion unless asked', async () => {
    const names = async (input = {}) => (await sm.send(new ListSecretsCommand(input))).SecretList?.map((s) => s.Name);
    expect(await names()).toEqual(['prod/db', 'prod/api', 'bin', 'empty']);
    expect(await names({ IncludePlannedDeletion: true })).toContain('old');
    expect(await names({ Filters: [{ Key: 'tag-key', Values: ['team'] }] })).toEqual(['prod/db']);
    expect(await names({ Filters: [{ Key: 'description', Values: ['DATA'] }] })).toEqual(['prod/db']);
    expect(await names({ Filters: [{ Key: 'all', Values: ['payments'] }] })).toEqual(['prod/db']);
    expect(await names({ SortBy: 'name', SortOrder: 'asc' })).toEqual(['bin', 'empty', 'prod/api', 'prod/db']);
  });

  it('pages ListSecrets with MaxResults', async () => {
    const first = await sm.send(new ListSecretsCommand({ MaxResults: 3 }));
    expect(first.SecretList).toHaveLength(3);
    const second = await sm.send(new ListSecretsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(second.SecretList?.map((s) => s.Name)).toEqual(['empty']);
    expect(second.NextToken).toBeUndefined();
    expect(await failure(sm.send(new ListSecretsCommand({ NextToken: 'garbage' })))).toMatchObject({ name: 'InvalidNextTokenException', status: 400 });
  });
});

describe('Operation: DeleteSecret', () => {
  it('schedules deletion: reads fail with InvalidRequestException, DescribeSecret shows DeletedDate', async () => {
    const out = await sm.send(new DeleteSecretCommand({ SecretId: 'prod/api', RecoveryWindowInDays: 7 }));
    expect(out.DeletionDate).toBeInstanceOf(Date);
    expect((out.DeletionDate?.getTime() ?? 0) - Date.now()).toBeGreaterThan(6.9 * 86400_000);
    expect(await failure(sm.send(new GetSecretValueCommand({ SecretId: 'prod/api' })))).toMatchObject({ name: 'InvalidRequestException' });
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'prod/api' }))).DeletedDate).toBeInstanceOf(Date);
    expect(await failure(sm.send(new DeleteSecretCommand({ SecretId: 'prod/api' })))).toMatchObject({ name: 'InvalidRequestException' });
  });

  it('removes a secret at once with ForceDeleteWithoutRecovery, also when already scheduled', async () => {
    await sm.send(new DeleteSecretCommand({ SecretId: 'old', ForceDeleteWithoutRecovery: true }));
    expect(await failure(sm.send(new GetSecretValueCommand({ SecretId: 'old' })))).toMatchObject({ name: 'ResourceNotFoundException', status: 400 });
    const recreated = await sm.send(new CreateSecretCommand({ Name: 'old', SecretString: 'again' }));
    expect(recreated.Name).toBe('old');
  });

  it.each([
    ['a window of 6 days', { SecretId: 'bin', RecoveryWindowInDays: 6 }, 'InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).'],
    ['a window of 0 days with force', { SecretId: 'bin', RecoveryWindowInDays: 0, ForceDeleteWithoutRecovery: true }, 'InvalidParameterException', 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).'],
    ['a window with force', { SecretId: 'bin', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true }, 'InvalidParameterException', "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays."],
    ['a missing secret', { SecretId: 'nope' }, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret."],
  ])('answers %s with %s', async (_label, input, name, message) => {
    expect(await failure(sm.send(new DeleteSecretCommand(input)))).toMatchObject({ name, message, status: 400 });
  });
});

describe('Operation: UpdateSecretVersionStage', () => {
  it('moves AWSCURRENT back to the previous version, which makes the old current AWSPREVIOUS', async () => {
    const current = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }));
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' }));
    const out = await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'prod/db', VersionStage: 'AWSCURRENT', MoveToVersionId: previous.VersionId, RemoveFromVersionId: current.VersionId }));
    expect(out).toEqual(expect.objectContaining({ Name: 'prod/db', ARN: `${ARN_PREFIX}prod/db-AbCdEf` }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).VersionId).toBe(previous.VersionId);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' }))).VersionId).toBe(current.VersionId);
  });

  it('requires RemoveFromVersionId when the label is attached elsewhere', async () => {
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'AWSPREVIOUS' }));
    const error = await failure(sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'prod/db', VersionStage: 'AWSCURRENT', MoveToVersionId: previous.VersionId })));
    expect(error).toMatchObject({ name: 'InvalidParameterException', status: 400 });
    expect(error.message).toMatch(/RemoveFromVersionId can't be empty/);
  });

  it('attaches and removes a custom label', async () => {
    const current = await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }));
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'prod/db', VersionStage: 'BLUE', MoveToVersionId: current.VersionId }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'BLUE' }))).VersionId).toBe(current.VersionId);
    await sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'prod/db', VersionStage: 'BLUE', RemoveFromVersionId: current.VersionId }));
    expect(await failure(sm.send(new GetSecretValueCommand({ SecretId: 'prod/db', VersionStage: 'BLUE' })))).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses an unknown version id', async () => {
    const error = await failure(sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'prod/db', VersionStage: 'BLUE', MoveToVersionId: 'f'.repeat(32) })));
    expect(error).toMatchObject({ name: 'InvalidParameterException', status: 400 });
  });
});
