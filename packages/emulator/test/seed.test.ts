import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { EmulatorConfigError, loadSeedFile, startEmulator, validateSeed } from '../src/index.js';
import { smClient } from './helpers.js';

function issuesOf(seed: unknown): Array<{ path: string; message: string }> {
  try {
    validateSeed(seed);
  } catch (error) {
    if (EmulatorConfigError.isInstance(error)) return [...error.issues];
    throw error;
  }
  throw new Error('expected the seed to be rejected');
}

describe('Seed: validation', () => {
  it.each([
    ['a non-object seed', [], '', /must be a JSON object/],
    ['an unknown top-level field', { secret: [] }, 'secret', /unknown field/],
    ['a bad region', { region: 'mars' }, 'region', /region name/],
    ['a bad account id', { accountId: 123456789012 }, 'accountId', /digits/],
    ['secrets that is not a list', { secrets: {} }, 'secrets', /must be a list/],
    ['a missing name', { secrets: [{ value: 'x' }] }, 'secrets[0].name', /ASCII letters/],
    ['an invalid name', { secrets: [{ name: 'a b' }] }, 'secrets[0].name', /ASCII letters/],
    ['a duplicate name', { secrets: [{ name: 'a' }, { name: 'a' }] }, 'secrets[1].name', /duplicate secret name a/],
    ['value and binary', { secrets: [{ name: 'a', value: 'x', binary: 'AA==' }] }, 'secrets[0]', /both value and binary/],
    ['invalid base64', { secrets: [{ name: 'a', binary: 'not base64!' }] }, 'secrets[0].binary', /base64/],
    ['a number value', { secrets: [{ name: 'a', value: 5 }] }, 'secrets[0].value', /string or a JSON object/],
    ['an oversized value', { secrets: [{ name: 'a', value: 'x'.repeat(65537) }] }, 'secrets[0].value', /1 to 65536/],
    ['a previous value without a current one', { secrets: [{ name: 'a', previousValue: 'x' }] }, 'secrets[0]', /needs value or binary/],
    ['versions mixed with value', { secrets: [{ name: 'a', value: 'x', versions: [{ value: 'y', stages: ['AWSCURRENT'] }] }] }, 'secrets[0]', /either versions or value/],
    ['versions without AWSCURRENT', { secrets: [{ name: 'a', versions: [{ value: 'y', stages: ['AWSPENDING'] }] }] }, 'secrets[0].versions', /AWSCURRENT/],
    ['a label on two versions', { secrets: [{ name: 'a', versions: [{ value: 'y', stages: ['AWSCURRENT'] }, { value: 'z', stages: ['AWSCURRENT'] }] }] }, 'secrets[0].versions[1].stages', /more than one version/],
    ['a version id used twice (the second version silently replaced the first, AWSCURRENT with it)', { secrets: [{ name: 'a', versions: [{ versionId: 'v'.repeat(32), value: 'y', stages: ['AWSCURRENT'] }, { versionId: 'v'.repeat(32), value: 'z', stages: ['AWSPREVIOUS'] }] }] }, 'secrets[0].versions[1].versionId', /duplicate version id/],
    ['a short version id', { secrets: [{ name: 'a', versions: [{ versionId: 'v1', value: 'y', stages: ['AWSCURRENT'] }] }] }, 'secrets[0].versions[0].versionId', /32 to 64/],
    ['a bad ARN suffix', { secrets: [{ name: 'a', arnSuffix: 'abc' }] }, 'secrets[0].arnSuffix', /6 ASCII/],
    ['bad tags', { secrets: [{ name: 'a', tags: { k: 5 } }] }, 'secrets[0].tags[0]', /tag needs/],
    ['a caller without an access key', { callers: [{ arn: 'arn:aws:iam::1:role/x' }] }, 'callers[0].accessKeyId', /ASCII letters or digits/],
    ['a duplicate access key', { callers: [{ accessKeyId: 'K', arn: 'arn:x' }, { accessKeyId: 'K', arn: 'arn:y' }] }, 'callers[1].accessKeyId', /duplicate access key/],
    ['a caller ARN that is not an ARN', { callers: [{ accessKeyId: 'K', arn: 'role/app' }] }, 'callers[0].arn', /principal ARN/],
    ['a malformed policy', { callers: [{ accessKeyId: 'K', arn: 'arn:x', policy: { Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] } }] }, 'callers[0].policy.Statement[0].Effect', /"Allow" or "Deny"/],
    ['a malformed policy in a list', { callers: [{ accessKeyId: 'K', arn: 'arn:x', policy: [{ Statement: [] }] }] }, 'callers[0].policy[0].Statement', /at least one/],
    ['bad faults', { faults: { '*': { hang: true } } }, 'faults.*.hang', /must be an object/],
  ])('rejects %s', (_label, seed, path, message) => {
    expect(issuesOf(seed)).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('reports every problem at once with the code at the front of the message', () => {
    let error: unknown;
    try {
      validateSeed({ region: 'x', secrets: [{ name: '' }, { name: 'ok', value: 5 }] });
    } catch (e) {
      error = e;
    }
    expect(EmulatorConfigError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^\[INVALID_EMULATOR_CONFIG\] invalid seed:\n {2}- region: /);
    expect((error as EmulatorConfigError).issues).toHaveLength(3);
  });

  it('startEmulator rejects an invalid seed and bad options', async () => {
    await expect(startEmulator({ seed: { secrets: [{ name: '' }] } })).rejects.toThrow(/secrets\[0\]\.name/);
    await expect(startEmulator({ port: 70000 })).rejects.toThrow(/port: must be an integer/);
    await expect(startEmulator({ batchPageSize: 0 })).rejects.toThrow(/batchPageSize/);
  });

  it('loadSeedFile reports invalid JSON by position, without quoting the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secretref-seed-'));
    try {
      const file = join(dir, 'seed.json');
      await writeFile(file, '{"secrets": [{"name": "a", "value": canary-in-seed}]}');
      await expect(loadSeedFile(file)).rejects.toSatisfy((e: Error) => EmulatorConfigError.isInstance(e) && !e.message.includes('canary'));
      await writeFile(file, JSON.stringify({ secrets: [{ name: 'a', value: 'v' }] }));
      expect((await loadSeedFile(file)).secrets?.[0]?.name).toBe('a');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('Seed: contents', () => {
  it('seeds explicit versions, JSON values, fixed ARN suffixes, and restores them on reset({ reseed: true })', async () => {
    const emulator = await startEmulator({
      seed: {
        region: 'eu-west-1',
        accountId: '111122223333',
        secrets: [
          { name: 'cfg', value: { a: 1, nested: { b: [true] } }, arnSuffix: 'Zz9Zz9' },
          {
            name: 'rotating',
            versions: [
              { versionId: '11111111-1111-1111-1111-111111111111', value: 'old', stages: ['AWSPREVIOUS'] },
              { versionId: '22222222-2222-2222-2222-222222222222', value: 'cur', stages: ['AWSCURRENT'] },
              { versionId: '33333333-3333-3333-3333-333333333333', binary: 'AAE=', stages: ['AWSPENDING'] },
            ],
          },
        ],
      },
    });
    const sm = smClient(emulator.endpoint);
    try {
      expect(emulator.secretArn('cfg')).toBe('arn:aws:secretsmanager:eu-west-1:111122223333:secret:cfg-Zz9Zz9');
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'cfg' }))).SecretString).toBe('{"a":1,"nested":{"b":[true]}}');
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPENDING' }))).VersionId).toBe('33333333-3333-3333-3333-333333333333');
      const rotatingArn = emulator.secretArn('rotating');
      await sm.send(new PutSecretValueCommand({ SecretId: 'rotating', SecretString: 'newer' }));
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rotating', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('cur');
      emulator.reset({ reseed: true });
      expect(emulator.secretArn('rotating')).toBe(rotatingArn);
      expect((await sm.send(new GetSecretValueCommand({ SecretId: 'rotating' }))).SecretString).toBe('cur');
    } finally {
      sm.destroy();
      await emulator.stop();
    }
  });
});
