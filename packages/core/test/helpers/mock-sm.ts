import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
  type BatchGetSecretValueCommandInput,
  type BatchGetSecretValueCommandOutput,
  type GetSecretValueCommandInput,
  type GetSecretValueCommandOutput,
} from '@aws-sdk/client-secrets-manager';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';

/** A secret in the fake store. `error` makes every read of it fail with that per-secret ErrorCode. */
export interface FakeSecret {
  name: string;
  region?: string;
  account?: string;
  suffix?: string;
  value?: string;
  binary?: Uint8Array;
  previous?: string;
  versionId?: string;
  error?: { code: string; message: string };
}

export const ACCOUNT = '123456789012';

export function arnOf(s: FakeSecret): string {
  return `arn:aws:secretsmanager:${s.region ?? 'us-east-1'}:${s.account ?? ACCOUNT}:secret:${s.name}-${s.suffix ?? 'AbCdEf'}`;
}

/** Finds a secret by name, full ARN or partial ARN in the given region. */
export function lookup(store: FakeSecret[], id: string, region: string): FakeSecret | undefined {
  return store.find((s) => {
    if ((s.region ?? 'us-east-1') !== region && !id.startsWith('arn:')) return false;
    const arn = arnOf(s);
    return id === s.name || id === arn || (id.startsWith('arn:') && arn.startsWith(`${id}-`) && arn.length === id.length + 7);
  });
}

export function serviceError(name: string, message: string, status = 400): SecretsManagerServiceException {
  return new SecretsManagerServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1234', attempts: 1 },
    message,
  });
}

function entry(s: FakeSecret, value: string | undefined) {
  return {
    ARN: arnOf(s),
    Name: s.name,
    VersionId: s.versionId ?? 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa',
    VersionStages: ['AWSCURRENT'],
    CreatedDate: new Date(1700591229000),
    ...(s.binary ? { SecretBinary: s.binary } : { SecretString: value }),
  };
}

export interface StoreMockOptions {
  /** Shuffle SecretValues (reverse order) so mapping by position would fail. */
  reverse?: boolean;
  /** Region of the client being answered (from the client's config). */
  regionOf?: (client: SecretsManagerClient) => Promise<string>;
}

/**
 * Mocks SecretsManagerClient (all instances) with a store-backed BatchGetSecretValue and
 * GetSecretValue, answering per region like the real service does.
 */
export function mockStore(store: FakeSecret[], opts: StoreMockOptions = {}): AwsClientStub<SecretsManagerClient> {
  const sm = mockClient(SecretsManagerClient);
  sm.on(BatchGetSecretValueCommand).callsFake(async (input: BatchGetSecretValueCommandInput, getClient: () => SecretsManagerClient) => {
    const region = await getClient().config.region();
    const out: BatchGetSecretValueCommandOutput = { SecretValues: [], Errors: [], $metadata: {} };
    for (const id of input.SecretIdList ?? []) {
      const s = lookup(store, id, region);
      if (!s) out.Errors!.push({ SecretId: id, ErrorCode: 'ResourceNotFoundException', Message: "Secrets Manager can't find the specified secret." });
      else if (s.error) out.Errors!.push({ SecretId: id, ErrorCode: s.error.code, Message: s.error.message });
      else out.SecretValues!.push(entry(s, s.value));
    }
    if (opts.reverse) out.SecretValues!.reverse();
    return out;
  });
  sm.on(GetSecretValueCommand).callsFake(async (input: GetSecretValueCommandInput, getClient: () => SecretsManagerClient) => {
    const region = await getClient().config.region();
    const s = lookup(store, input.SecretId ?? '', region);
    if (!s) throw serviceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    if (s.error) throw serviceError(s.error.code, s.error.message);
    if (input.VersionStage === 'AWSPREVIOUS') {
      if (s.previous === undefined) throw serviceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS");
      return { ...entry(s, s.previous), VersionStages: ['AWSPREVIOUS'], $metadata: {} } as GetSecretValueCommandOutput;
    }
    if (input.VersionId && input.VersionId !== (s.versionId ?? 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa')) {
      throw serviceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${input.VersionId}`);
    }
    return { ...entry(s, s.value), $metadata: {} } as GetSecretValueCommandOutput;
  });
  return sm;
}

/** n distinct secrets named `app/sN` with canary-style values. */
export function manySecrets(n: number, prefix = 'app/s'): FakeSecret[] {
  return Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i}`, value: `value-${i}` }));
}
