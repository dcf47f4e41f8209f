import { describe, expect, it } from 'vitest';
import { parseReference } from '../src/index.js';
import { generatePolicy, parsePolicy, predictResolution, type PolicyDocument } from '../src/iam/index.js';

const ACCOUNT = '123456789012';
const NAMES = ['SecretOne', 'SecretTwo', 'SecretThree'];
const entries = NAMES.map((n, i) => ({ key: `S${i + 1}`, value: `secretsmanager:${n}` }));

const policyOne: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: '*' }],
};
const policyTwo: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: ['*'] },
    { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: NAMES.map((n) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${n}-??????`) },
  ],
};

describe('Function: predictResolution', () => {
  it("predicts three SECRET_ACCESS_DENIED under the write-up's first policy, with the exact grants", () => {
    const { report } = predictResolution(entries, [parsePolicy(policyOne)], { region: 'us-east-1', accountId: ACCOUNT });
    expect(report.ok).toBe(false);
    expect(report.issues.map((i) => [i.keys[0], i.code])).toEqual([['S1', 'SECRET_ACCESS_DENIED'], ['S2', 'SECRET_ACCESS_DENIED'], ['S3', 'SECRET_ACCESS_DENIED']]);
    expect(report.issues[0]?.hint).toBe(`allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:SecretOne-??????\n(BatchGetSecretValue does not grant access to any secret by itself)`);
    expect(report.issues[0]?.message).toMatch(/no statement allows it/);
    expect(report.calls).toEqual({ BatchGetSecretValue: 0, GetSecretValue: 0 });
  });

  it("predicts everything allowed under the write-up's second policy, taking the account from the policy", () => {
    const { report, assumptions } = predictResolution(entries, [parsePolicy(policyTwo)], { region: 'us-east-1' });
    expect(report.ok).toBe(true);
    expect(report.resolvedReferences).toBe(3);
    expect(report.resolved.every((r) => r.via === 'BatchGetSecretValue')).toBe(true);
    expect(assumptions[0]).toMatch(/account 123456789012, the one the policy names/);
  });

  it('warns and predicts GetSecretValue reads when BatchGetSecretValue is not allowed, or fails with fallback error', () => {
    const getOnly = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
    const soft = predictResolution(entries, [getOnly], { region: 'us-east-1', accountId: ACCOUNT });
    expect(soft.report.ok).toBe(true);
    expect(soft.report.warnings.map((w) => w.code)).toEqual(['BATCH_ACCESS_DENIED']);
    expect(soft.report.resolved.every((r) => r.via === 'GetSecretValue')).toBe(true);
    const hard = predictResolution(entries, [getOnly], { region: 'us-east-1', accountId: ACCOUNT, fallback: 'error' });
    expect(hard.report.issues.map((i) => i.code)).toEqual(['BATCH_ACCESS_DENIED', 'BATCH_ACCESS_DENIED', 'BATCH_ACCESS_DENIED']);
  });

  it('reports an explicit Deny with the statement that denies', () => {
    const deny = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        ...(policyTwo.Statement as object[]),
        { Sid: 'NoTwo', Effect: 'Deny', Action: 'secretsmanager:*', Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:SecretTwo-*` },
      ],
    } as PolicyDocument);
    const { report } = predictResolution(entries, [deny], { region: 'us-east-1', accountId: ACCOUNT });
    expect(report.issues.map((i) => i.keys[0])).toEqual(['S2']);
    expect(report.issues[0]?.message).toMatch(/explicitly denied by policy 1 Statement\[2\] \(NoTwo\)/);
    expect(report.issues[0]?.hint).toMatch(/^an explicit Deny applies .* no Allow can override it/);
  });

  it('never counts a statement with a Condition as allowing, and lists it as not evaluated', () => {
    const conditional = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        policyOne.Statement as never,
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/app': 'api' } } },
      ].flat(),
    } as PolicyDocument);
    const { report, notEvaluated } = predictResolution(entries, [conditional], { region: 'us-east-1', accountId: ACCOUNT });
    expect(report.issues).toHaveLength(3);
    expect(report.issues[0]?.message).toMatch(/only a statement that was not evaluated \(Condition\) could allow it/);
    expect(notEvaluated).toHaveLength(3);
    expect(notEvaluated[0]).toMatchObject({ action: 'secretsmanager:GetSecretValue', reason: 'condition' });
  });

  it('uses the suffix of a full ARN the policy names literally for a reference by name', () => {
    const literal = parsePolicy({
      Version: '2012-10-17',
      Statement: [
        policyOne.Statement as never,
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:SecretOne-a1B2c3` },
      ].flat(),
    } as PolicyDocument);
    const { report } = predictResolution([entries[0]!], [literal], { region: 'us-east-1', accountId: ACCOUNT });
    expect(report.ok).toBe(true);
    expect(report.resolved[0]?.arn).toBe(`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:SecretOne-a1B2c3`);
  });

  it('round-trips: the generated policy is predicted to allow everything, and dropping a grant denies exactly that secret', () => {
    const refs = [...entries, { key: 'X', value: 'secretsmanager:arn:aws:secretsmanager:eu-west-1:111122223333:secret:x-AbCdEf' }];
    const generated = generatePolicy(refs.map((e) => ({ key: e.key, reference: parseReference(e.value)! })), { region: 'us-east-1', accountId: ACCOUNT });
    expect(predictResolution(refs, [parsePolicy(generated.document)], { region: 'us-east-1', accountId: ACCOUNT }).report.ok).toBe(true);
    const resources = (generated.document.Statement as unknown as Array<{ Resource: string[] }>)[1]!.Resource;
    for (const dropped of resources) {
      const doc = JSON.parse(JSON.stringify(generated.document)) as { Statement: Array<{ Resource: string | string[] }> };
      doc.Statement[1]!.Resource = resources.filter((r) => r !== dropped);
      const { report } = predictResolution(refs, [parsePolicy(doc)], { region: 'us-east-1', accountId: ACCOUNT });
      const denied = report.issues.map((i) => i.secretId);
      expect(denied).toHaveLength(1);
      expect(dropped.startsWith(generated.secrets.find((s) => s.secretId === denied[0])!.resource.replace(/-\?{6}$/, ''))).toBe(true);
    }
  });

  it('turns predicted failures of optional keys into warnings, as a real resolution would', () => {
    const { report } = predictResolution(entries, [parsePolicy(policyOne)], { region: 'us-east-1', accountId: ACCOUNT, optional: ['S2', 'S3'] });
    expect(report.issues.map((i) => i.keys)).toEqual([['S1']]);
    expect(report.warnings.map((w) => [w.keys[0], w.code, w.message.startsWith('optional, left unset: ')])).toEqual([['S2', 'SECRET_ACCESS_DENIED', true], ['S3', 'SECRET_ACCESS_DENIED', true]]);
    expect(report.ok).toBe(false);
  });

  it('reports NO_REGION for names when no region is given, and INVALID_REFERENCE for bad references', () => {
    const { report } = predictResolution([{ key: 'A', value: 'secretsmanager:a' }, { key: 'B', value: 'secretsmanager:bad name' }], [parsePolicy(policyTwo)]);
    expect(report.issues.map((i) => [i.keys[0], i.code]).sort()).toEqual([['A', 'NO_REGION'], ['B', 'INVALID_REFERENCE']]);
  });
});
