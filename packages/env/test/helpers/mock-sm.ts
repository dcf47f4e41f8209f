// Shared by the env and cli unit tests (packages/cli/test imports it from here).
import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
  type BatchGetSecretValueCommandInput,
  type GetSecretValueCommandInput,
} from '@aws-sdk/client-secrets-manager';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

const ACCOUNT = '123456789012';
const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-AbCdEf`;

/** A store of secret name → SecretString; a name mapped to `{ denied: true }` answers AccessDeniedException. */
export type Store = Record<string, string | { denied: true }>;

/** Mocks every SecretsManagerClient with a store-backed BatchGetSecretValue and GetSecretValue (us-east-1). */
export function mockStore(store: Store): AwsClientStub<SecretsManagerClient> {
  const sm = mockClient(SecretsManagerClient);
  sm.on(BatchGetSecretValueCommand).callsFake(async (input: BatchGetSecretValueCommandInput) => {
    const SecretValues = [];
    const Errors = [];
    for (const id of input.SecretIdList ?? []) {
      const s = store[id];
      if (s === undefined) Errors.push({ SecretId: id, ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
      else if (typeof s !== 'string') Errors.push({ SecretId: id, ErrorCode: 'AccessDeniedException', Message: `not authorized to perform: secretsmanager:GetSecretValue on resource: ${id}` });
      else SecretValues.push({ ARN: arn(id), Name: id, VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa', VersionStages: ['AWSCURRENT'], SecretString: s });
    }
    return { SecretValues, Errors, $metadata: {} };
  });
  sm.on(GetSecretValueCommand).callsFake(async (input: GetSecretValueCommandInput) => {
    const id = input.SecretId ?? '';
    const s = store[id];
    if (typeof s !== 'string') {
      throw new SecretsManagerServiceException({
        name: s === undefined ? 'ResourceNotFoundException' : 'AccessDeniedException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'failed',
      });
    }
    return { ARN: arn(id), Name: id, VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa', VersionStages: ['AWSCURRENT'], SecretString: s, $metadata: {} };
  });
  return sm;
}

/** A client for us-east-1 with static credentials (its send is mocked). */
export function testClient(): SecretsManagerClient {
  return new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
}

/** Secret ids asked for, over every BatchGetSecretValue call. */
export function requestedIds(sm: AwsClientStub<SecretsManagerClient>): string[] {
  return sm.commandCalls(BatchGetSecretValueCommand).flatMap((c) => c.args[0].input.SecretIdList ?? []);
}
