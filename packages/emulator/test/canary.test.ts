import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorHandle, type EmulatorLogEntry } from '../src/index.js';
import { rawCall } from './helpers.js';

// Unique values that must only ever leave the emulator inside a successful value response.
const CANARY = {
  current: 'CANARY-current-7f3a9c',
  previous: 'CANARY-previous-1b8e2d',
  json: 'CANARY-json-55aa01',
  binary: Buffer.from('CANARY-binary-c0ffee').toString('base64'),
  cmk: 'CANARY-cmk-9d9d9d',
  denied: 'CANARY-denied-424242',
  request: 'CANARY-request-0badf00d',
};
const ALL = Object.values(CANARY);

const auth = (key: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0` });

let emulator: EmulatorHandle;
const logs: EmulatorLogEntry[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    seed: {
      secrets: [
        { name: 'c/text', value: CANARY.current, previousValue: CANARY.previous },
        { name: 'c/json', value: { password: CANARY.json } },
        { name: 'c/bin', binary: CANARY.binary },
        { name: 'c/cmk', value: CANARY.cmk, kmsKeyId: 'key-1' },
        { name: 'c/denied', value: CANARY.denied },
        { name: 'c/deleted', value: CANARY.current, deleted: true },
      ],
      callers: [
        {
          accessKeyId: 'AKIAREADER',
          arn: 'arn:aws:iam::123456789012:role/reader',
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets', 'secretsmanager:DescribeSecret', 'secretsmanager:PutSecretValue', 'secretsmanager:CreateSecret'], Resource: '*' },
              { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:c/*' },
              { Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:c/denied-??????' },
              { Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
            ],
          },
        },
      ],
    },
    log: (entry) => logs.push(entry),
  });
});
afterAll(() => emulator.stop());

describe('Canary: secret values never leak', () => {
  it('keeps every canary out of logs and error bodies across error paths', async () => {
    const reader = auth('AKIAREADER');
    const call = (target: string, body: string, headers = reader) => rawCall(emulator.endpoint, `secretsmanager.${target}`, body, headers);
    const errorBodies: string[] = [];
    const expectError = async (target: string, body: string, headers = reader) => {
      const response = await call(target, body, headers);
      expect(response.status).toBeGreaterThanOrEqual(400);
      errorBodies.push(response.text);
    };

    await expectError('GetSecretValue', '{"SecretId":"c/denied"}');
    await expectError('GetSecretValue', '{"SecretId":"c/cmk"}');
    await expectError('GetSecretValue', '{"SecretId":"c/deleted"}');
    await expectError('GetSecretValue', '{"SecretId":"c/text","VersionStage":"AWSPENDING"}');
    await expectError('GetSecretValue', '{"SecretId":"c/text"}', auth('AKIASTRANGER'));
    await expectError('PutSecretValue', `{"SecretId":"c/text","SecretString":"${CANARY.request}${'x'.repeat(65536)}"}`);
    await expectError('PutSecretValue', `{"SecretId":"c/text","SecretString":${CANARY.request}}`);
    await expectError('PutSecretValue', `{"SecretId":"c/text","SecretString":"${CANARY.request}","SecretBinary":"AAAA"}`);
    await expectError('PutSecretValue', `{"SecretId":"c/missing","SecretString":"${CANARY.request}"}`);
    await expectError('CreateSecret', `{"Name":"c/text","SecretString":"${CANARY.request}"}`);
    await expectError('CreateSecret', `{"Name":"bad name","SecretString":"${CANARY.request}"}`);
    await expectError('BatchGetSecretValue', '{"SecretIdList":["c/text"],"MaxResults":2}');
    await expectError('Unknown', `{"SecretString":"${CANARY.request}"}`);

    // Per-secret errors travel in a 200 answer: the Errors part must not carry values.
    const batch = await call('BatchGetSecretValue', '{"SecretIdList":["c/denied","c/cmk","c/deleted","c/missing"]}');
    expect(batch.status).toBe(200);
    errorBodies.push(JSON.stringify(batch.json?.['Errors']));
    expect(batch.json?.['SecretValues']).toEqual([]);

    // Metadata answers carry no values either.
    errorBodies.push((await call('DescribeSecret', '{"SecretId":"c/text"}')).text);
    errorBodies.push((await call('ListSecrets', '{}')).text);

    emulator.setFaults({ '*': { throttle: { first: 1 }, internalError: { first: 2 } } });
    await expectError('GetSecretValue', '{"SecretId":"c/text"}');
    await expectError('GetSecretValue', '{"SecretId":"c/text"}');
    emulator.setFaults({});

    const logged = JSON.stringify(logs);
    for (const canary of ALL) {
      expect(logged).not.toContain(canary);
      for (const body of errorBodies) expect(body).not.toContain(canary);
    }
    expect(logs.some((e) => e.kind === 'warning')).toBe(true);
    expect(logs.filter((e) => e.kind === 'request').length).toBeGreaterThanOrEqual(17);
  });

  it('does return the value in a successful read (the canaries are detectable)', async () => {
    const ok = await rawCall(emulator.endpoint, 'secretsmanager.GetSecretValue', '{"SecretId":"c/text"}', auth('AKIAREADER'));
    expect(ok.text).toContain(CANARY.current);
    expect(JSON.stringify(logs)).not.toContain(CANARY.current);
  });
});
