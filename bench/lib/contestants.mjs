// The libraries under comparison. Each `run(wants, clientConfig)` creates its own client (a cold
// boot), reads every want, and returns { key: value }; `supports(want)` says what it can express.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import secretsManager from '@middy/secrets-manager';
import { resolveEnv } from '@secretref/core';
import { distinctSecrets, referenceText } from './workload.mjs';

/** JSON values as secretref renders them: strings as-is, anything else as JSON text. */
const text = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
const pick = (secretString, jsonKey) => (jsonKey ? text(JSON.parse(secretString)[jsonKey]) : secretString);
const sdkInput = (s) => ({ SecretId: s.secretId, ...(s.versionStage ? { VersionStage: s.versionStage } : {}) });
const pairKey = (w) => `${w.secretId}|${w.versionStage ?? ''}`;

function fromSecrets(wants, bySecret) {
  return Object.fromEntries(wants.map((w) => [w.key, pick(bySecret.get(pairKey(w)), w.jsonKey)]));
}

export const secretref = {
  id: 'secretref',
  label: 'secretref `resolveEnv` (concurrency 5)',
  supports: () => true,
  async run(wants, clientConfig) {
    const env = Object.fromEntries(wants.map((w) => [w.key, referenceText(w)]));
    const { env: out } = await resolveEnv(env, { clientConfig });
    return out;
  },
};

export const sequential = {
  id: 'sequential',
  label: 'sequential GetSecretValue loop (one per distinct secret)',
  supports: () => true,
  async run(wants, clientConfig) {
    const client = new SecretsManagerClient(clientConfig);
    try {
      const bySecret = new Map();
      for (const s of distinctSecrets(wants)) {
        const res = await client.send(new GetSecretValueCommand(sdkInput(s)));
        bySecret.set(pairKey(s), res.SecretString);
      }
      return fromSecrets(wants, bySecret);
    } finally {
      client.destroy();
    }
  },
};

export const promiseAll = {
  id: 'promise-all',
  label: '`Promise.all` of GetSecretValue (one per distinct secret)',
  supports: () => true,
  async run(wants, clientConfig) {
    const client = new SecretsManagerClient(clientConfig);
    try {
      const list = distinctSecrets(wants);
      const res = await Promise.all(list.map((s) => client.send(new GetSecretValueCommand(sdkInput(s)))));
      return fromSecrets(wants, new Map(list.map((s, i) => [pairKey(s), res[i].SecretString])));
    } finally {
      client.destroy();
    }
  },
};

export const powertools = {
  id: 'powertools',
  label: '@aws-lambda-powertools/parameters `SecretsProvider.get` per reference, concurrently',
  supports: () => true,
  async run(wants, clientConfig) {
    // A fresh provider per run: an empty cache (what getSecret's default provider has at a cold start).
    const provider = new SecretsProvider({ clientConfig });
    try {
      const values = await Promise.all(
        wants.map((w) =>
          provider.get(w.secretId, {
            ...(w.jsonKey ? { transform: 'json' } : {}),
            ...(w.versionStage ? { sdkOptions: { VersionStage: w.versionStage } } : {}),
          }),
        ),
      );
      return Object.fromEntries(wants.map((w, i) => [w.key, w.jsonKey ? text(values[i][w.jsonKey]) : values[i]]));
    } finally {
      provider.client.destroy();
    }
  },
};

let middyRun = 0;
export const middy = {
  id: 'middy',
  label: '@middy/secrets-manager `before` (one fetchData entry per distinct secret)',
  // fetchData takes a SecretId only: no staging label or version id.
  supports: (want) => !want.versionStage,
  async run(wants, clientConfig) {
    const created = [];
    class TrackedClient extends SecretsManagerClient {
      constructor(config) {
        super(config);
        created.push(this);
      }
    }
    const list = distinctSecrets(wants);
    const internalKey = new Map(list.map((s, i) => [s.secretId, `secret${i}`]));
    const mw = secretsManager({
      AwsClient: TrackedClient,
      awsClientOptions: clientConfig,
      fetchData: Object.fromEntries(list.map((s) => [internalKey.get(s.secretId), s.secretId])),
      disablePrefetch: true, // else the fetch at creation is repeated in before() when caching is off
      cacheExpiry: 0, // no cache between runs
      cacheKey: `bench-${middyRun++}`,
      setToContext: true,
    });
    // What @middy/core does for each invocation: call every `before` with a request object.
    const request = { event: {}, context: {}, response: undefined, error: undefined, internal: {} };
    try {
      await mw.before(request);
      return Object.fromEntries(
        wants.map((w) => {
          const v = request.context[internalKey.get(w.secretId)];
          return [w.key, w.jsonKey ? text(v[w.jsonKey]) : text(v)];
        }),
      );
    } finally {
      for (const c of created) c.destroy();
    }
  },
};

export const CONTESTANTS = [secretref, sequential, promiseAll, powertools, middy];
