import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle } from '../src/index.js';
import { failure, rawCall, smClient } from './helpers.js';

let emulator: EmulatorHandle;
let sm: SecretsManagerClient;

beforeAll(async () => {
  emulator = await startEmulator({ seed: { secrets: [{ name: 'a', value: '1' }] } });
  sm = smClient(emulator.endpoint);
});
afterAll(async () => {
  sm.destroy();
  await emulator.stop();
});

const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

describe('Validation: through the SDK', () => {
  it.each([
    ['an empty SecretIdList', new BatchGetSecretValueCommand({ SecretIdList: [] }), 'ValidationException', "1 validation error detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['21 ids', new BatchGetSecretValueCommand({ SecretIdList: ids(21) }), 'ValidationException', "1 validation error detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20"],
    ['SecretIdList and Filters', new BatchGetSecretValueCommand({ SecretIdList: ['a'], Filters: [{ Key: 'name', Values: ['a'] }] }), 'InvalidParameterException', "Either 'SecretIdList' or 'Filters' must be provided, but not both."],
    ['neither SecretIdList nor Filters', new BatchGetSecretValueCommand({}), 'InvalidParameterException', "Either 'SecretIdList' or 'Filters' must be provided, but not both."],
    ['MaxResults without Filters', new BatchGetSecretValueCommand({ SecretIdList: ['a'], MaxResults: 5 }), 'InvalidParameterException', "'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided."],
    ['MaxResults 21 with Filters', new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['a'] }], MaxResults: 21 }), 'ValidationException', "1 validation error detected: Value '21' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20"],
    ['MaxResults 0 with Filters', new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['a'] }], MaxResults: 0 }), 'ValidationException', "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    ['an unknown filter key', new BatchGetSecretValueCommand({ Filters: [{ Key: 'colour' as 'name', Values: ['a'] }] }), 'ValidationException', "1 validation error detected: Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy enum value set: [description, name, tag-key, tag-value, primary-region, owning-service, all]"],
    ['a filter without values', new ListSecretsCommand({ Filters: [{ Key: 'name' }] }), 'InvalidParameterException', 'Invalid filter values for key: name'],
    ['ListSecrets MaxResults 101', new ListSecretsCommand({ MaxResults: 101 }), 'ValidationException', "1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100"],
    ['a SecretString over 65536 characters', new CreateSecretCommand({ Name: 'big', SecretString: 'x'.repeat(65537) }), 'ValidationException', "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to 65536"],
    ['an empty SecretString', new PutSecretValueCommand({ SecretId: 'a', SecretString: '' }), 'ValidationException', "1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length greater than or equal to 1"],
    ['a SecretBinary over 65536 bytes', new PutSecretValueCommand({ SecretId: 'a', SecretBinary: new Uint8Array(65537) }), 'ValidationException', "1 validation error detected: Value at 'secretBinary' failed to satisfy constraint: Member must have length less than or equal to 65536"],
    ['an invalid name', new CreateSecretCommand({ Name: 'has space', SecretString: 'x' }), 'ValidationException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!'],
    ['a name over 512 characters', new CreateSecretCommand({ Name: 'n'.repeat(513), SecretString: 'x' }), 'ValidationException', "1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 512"],
    ['a short ClientRequestToken', new CreateSecretCommand({ Name: 'ok', SecretString: 'x', ClientRequestToken: 'short' }), 'ValidationException', "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32"],
    ['a short VersionId', new GetSecretValueCommand({ SecretId: 'a', VersionId: 'v1' }), 'ValidationException', "1 validation error detected: Value at 'versionId' failed to satisfy constraint: Member must have length greater than or equal to 32"],
    ['an empty SecretId', new GetSecretValueCommand({ SecretId: '' }), 'ValidationException', "1 validation error detected: Value at 'secretId' failed to satisfy constraint: Member must have length greater than or equal to 1"],
  ])('%s → %s', async (_label, command, name, message) => {
    expect(await failure(sm.send(command as never))).toMatchObject({ name, message, status: 400 });
  });

  it('reports every constraint violation in one ValidationException', async () => {
    const error = await failure(sm.send(new GetSecretValueCommand({ SecretId: '', VersionId: 'v', VersionStage: '' })));
    expect(error.message).toMatch(/^3 validation errors detected: Value at 'secretId' .*; Value at 'versionId' .*; Value at 'versionStage' /);
  });
});

describe('Validation: malformed requests', () => {
  it.each([
    ['malformed JSON', 'secretsmanager.GetSecretValue', '{"SecretId": ', 'SerializationException'],
    ['a JSON array body', 'secretsmanager.GetSecretValue', '["a"]', 'SerializationException'],
    ['a number for a string', 'secretsmanager.GetSecretValue', '{"SecretId": 5}', 'SerializationException'],
    ['a string for a list', 'secretsmanager.BatchGetSecretValue', '{"SecretIdList": "a"}', 'SerializationException'],
    ['a string for an integer', 'secretsmanager.ListSecrets', '{"MaxResults": "5"}', 'SerializationException'],
    ['a float for an integer', 'secretsmanager.ListSecrets', '{"MaxResults": 1.5}', 'SerializationException'],
    ['a string for a boolean', 'secretsmanager.DeleteSecret', '{"SecretId": "a", "ForceDeleteWithoutRecovery": "yes"}', 'SerializationException'],
    ['invalid base64', 'secretsmanager.PutSecretValue', '{"SecretId": "a", "SecretBinary": "%%%"}', 'SerializationException'],
    ['a null inside a list', 'secretsmanager.BatchGetSecretValue', '{"SecretIdList": [null]}', 'SerializationException'],
    ['a missing required member', 'secretsmanager.GetSecretValue', '{}', 'ValidationException'],
    ['an unknown operation', 'secretsmanager.FrobnicateSecret', '{}', 'UnknownOperationException'],
    ['an AWS operation the emulator lacks', 'secretsmanager.RotateSecret', '{}', 'UnknownOperationException'],
    ['another service prefix', 'kms.Decrypt', '{}', 'UnknownOperationException'],
    ['no X-Amz-Target', undefined, '{}', 'UnknownOperationException'],
  ])('answers %s with HTTP 400 %s as JSON', async (_label, target, body, type) => {
    const response = await rawCall(emulator.endpoint, target, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json).toMatchObject({ __type: type, Message: expect.any(String) });
  });

  it('accepts an empty body as {} and ignores unknown members', async () => {
    const list = await rawCall(emulator.endpoint, 'secretsmanager.ListSecrets', '');
    expect(list.status).toBe(200);
    const get = await rawCall(emulator.endpoint, 'secretsmanager.GetSecretValue', '{"SecretId":"a","Extra":{"x":1}}');
    expect(get.json).toMatchObject({ Name: 'a', SecretString: '1' });
    expect(typeof get.json?.['CreatedDate']).toBe('number');
  });

  it('refuses a body over 2 MiB with a JSON error and keeps serving', async () => {
    const response = await rawCall(emulator.endpoint, 'secretsmanager.CreateSecret', `{"Name":"x","SecretString":"${'y'.repeat(2.5 * 1024 * 1024)}"}`);
    expect(response.status).toBe(413);
    expect(response.json?.['__type']).toBe('RequestEntityTooLargeException');
    expect((await rawCall(emulator.endpoint, 'secretsmanager.ListSecrets', '{}')).status).toBe(200);
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD in the value', async () => {
    const body = Buffer.concat([Buffer.from('{"Name":"utf8","SecretString":"ab'), Buffer.from([0xff, 0xfe]), Buffer.from('cd"}')]);
    const response = await rawCall(emulator.endpoint, 'secretsmanager.CreateSecret', body);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ __type: 'SerializationException', Message: 'The request body is not valid UTF-8' });
    expect(await failure(sm.send(new GetSecretValueCommand({ SecretId: 'utf8' })))).toMatchObject({ name: 'ResourceNotFoundException' });
    const ok = await rawCall(emulator.endpoint, 'secretsmanager.CreateSecret', Buffer.from('{"Name":"utf8ok","SecretString":"café €"}', 'utf8'));
    expect(ok.status).toBe(200);
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'utf8ok' }))).SecretString).toBe('café €');
  });

  it('counts every violation but lists only the first 10, so a big list of bad ids cannot blow up the answer', async () => {
    const response = await rawCall(emulator.endpoint, 'secretsmanager.BatchGetSecretValue', JSON.stringify({ SecretIdList: Array.from({ length: 1000 }, () => '') }));
    expect(response.status).toBe(400);
    const message = String(response.json?.['Message']);
    expect(message).toMatch(/^1001 validation errors detected: Value at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20; Value at 'secretIdList.1.member' /);
    expect(message.split('; Value at ')).toHaveLength(10);
    expect(message).toMatch(/; and 991 more$/);
    expect(response.text.length).toBeLessThan(2000);
  });

  it('never quotes the request body in a SerializationException', async () => {
    const response = await rawCall(emulator.endpoint, 'secretsmanager.PutSecretValue', '{"SecretId":"a","SecretString": hunter2-canary}');
    expect(response.json?.['__type']).toBe('SerializationException');
    expect(response.text).not.toContain('hunter2');
  });
});
