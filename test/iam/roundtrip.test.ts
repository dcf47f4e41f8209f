import { findReferences, isSecretResolutionError, resolveEnv, type ResolutionReport } from '@secretref/core';
import { BATCH_SID, generatePolicy, parsePolicy, predictResolution, type PolicyDocument, type PolicyStatement } from '@secretref/core/iam';
import { startEmulator } from '@secretref/emulator';
import { describe, expect, it } from 'vitest';
import { clientFor } from '../fixtures/clients.js';

/**
 * The IAM doctor's promise, checked against a real resolution: the generated policy, loaded into
 * the emulator as the caller's policy, lets the same references resolve; removing any one grant
 * makes exactly the matching secrets fail, in the prediction and in the real run alike.
 */
const ACCOUNT = '123456789012';
const env = {
  DB_PASSWORD: 'secretsmanager:prod/db:password',
  DB_USER: 'secretsmanager:prod/db:user',
  API_KEY: 'secretsmanager:prod/api',
  OLD_API_KEY: 'secretsmanager:prod/api::AWSPREVIOUS',
  URL: 'https://x:{{resolve:secretsmanager:prod/url-token}}@h',
  PARTIAL: `secretsmanager:arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/partial`,
};

/** A fresh emulator per policy: the same seed, the caller's policy swapped. */
async function realRun(policy: PolicyDocument, fallback: 'get-secret-value' | 'error' = 'get-secret-value'): Promise<ResolutionReport> {
  const e2 = await startEmulator({
    seed: {
      accountId: ACCOUNT,
      secrets: [
        { name: 'prod/db', value: { user: 'u', password: 'p' } },
        { name: 'prod/api', value: 'k2', previousValue: 'k1' },
        { name: 'prod/url-token', value: 't' },
        { name: 'prod/partial', value: 'pp' },
      ],
      callers: [{ accessKeyId: 'AKIAROUNDTRIP', arn: `arn:aws:iam::${ACCOUNT}:role/app`, policy }],
    },
  });
  try {
    return (await resolveEnv(env, { client: clientFor(e2.endpoint, 'AKIAROUNDTRIP'), fallback })).report;
  } catch (e) {
    if (isSecretResolutionError(e)) return e.report;
    throw e;
  } finally {
    await e2.stop();
  }
}

const predict = (policy: PolicyDocument, fallback: 'get-secret-value' | 'error' = 'get-secret-value') =>
  predictResolution(Object.entries(env).map(([key, value]) => ({ key, value })), [parsePolicy(policy)], { region: 'us-east-1', accountId: ACCOUNT, fallback }).report;

const failing = (r: ResolutionReport) => r.issues.map((i) => `${i.code} ${i.keys.join(',')}`).sort();

const generated = () =>
  generatePolicy(
    Object.entries(env).flatMap(([key, value]) => findReferences(value).map((m) => ({ key, reference: m.reference }))),
    { region: 'us-east-1', accountId: ACCOUNT },
  );

describe('Generated policy round trip (prediction vs the emulator)', () => {
  it('the generated policy resolves every reference with zero issues, predicted and real', async () => {
    const g = generated();
    expect(g.warnings).toEqual([]);
    const real = await realRun(g.document as PolicyDocument);
    expect(real.issues).toEqual([]);
    expect(real.warnings).toEqual([]);
    expect(real.resolvedReferences).toBe(6);
    expect(predict(g.document as PolicyDocument).issues).toEqual([]);
  });

  it('removing any one GetSecretValue grant fails exactly the matching secret, in both', async () => {
    const g = generated();
    const statements = g.document.Statement as unknown as Array<{ Sid: string; Resource: string | string[] }>;
    const get = statements.find((s) => s.Resource !== '*')!;
    const resources = get.Resource as string[];
    expect(resources).toHaveLength(4);
    for (const dropped of resources) {
      const doc = JSON.parse(JSON.stringify(g.document)) as { Statement: Array<{ Resource: string | string[] }> };
      doc.Statement[statements.indexOf(get)]!.Resource = resources.filter((r) => r !== dropped);
      const real = await realRun(doc as unknown as PolicyDocument);
      const predicted = predict(doc as unknown as PolicyDocument);
      const expectedKeys = g.secrets.find((s) => s.resource === dropped)!.keys.sort().join(',');
      expect(failing(real)).toEqual(failing(predicted));
      expect(real.issues.flatMap((i) => i.keys).sort().join(',')).toBe(expectedKeys);
      expect(real.issues.every((i) => i.code === 'SECRET_ACCESS_DENIED')).toBe(true);
    }
  });

  it('removing the BatchGetSecretValue statement: both fall back with a warning, or fail everything batched with fallback error', async () => {
    const g = generated();
    const doc: PolicyDocument = { ...g.document, Statement: (g.document.Statement as readonly PolicyStatement[]).filter((s) => s.Sid !== BATCH_SID) };
    const real = await realRun(doc);
    const predicted = predict(doc);
    expect(real.issues).toEqual([]);
    expect(real.warnings.map((w) => w.code)).toEqual(['BATCH_ACCESS_DENIED']);
    expect(predicted.warnings.map((w) => w.code)).toEqual(['BATCH_ACCESS_DENIED']);
    const realStrict = await realRun(doc, 'error');
    const predictedStrict = predict(doc, 'error');
    expect(failing(realStrict)).toEqual(failing(predictedStrict));
    expect(realStrict.issues.every((i) => i.code === 'BATCH_ACCESS_DENIED')).toBe(true);
    // The pinned AWSPREVIOUS read never needed the batch grant.
    expect(realStrict.issues.flatMap((i) => i.keys)).not.toContain('OLD_API_KEY');
  });
});
