import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicy, type PolicyDecision } from '../src/iam/index.js';

const ACCOUNT = '123456789012';
const arn = (name: string, suffix = 'AbCdEf') => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-${suffix}`;
const policy = (...statements: object[]) => parsePolicy({ Version: '2012-10-17', Statement: statements });

describe('Function: evaluatePolicy', () => {
  const cases: Array<{ name: string; statements: object[]; action: string; resource: string; decision: PolicyDecision }> = [
    { name: 'default deny with no statement matching', statements: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'implicit-deny' },
    { name: 'allow on an exact ARN', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arn('a') }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'allow' },
    { name: 'resource ARNs are case-sensitive', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arn('A') }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'implicit-deny' },
    { name: 'actions are case-insensitive', statements: [{ Effect: 'Allow', Action: 'SecretsManager:getsecretvalue', Resource: '*' }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'allow' },
    { name: 'action wildcard *', statements: [{ Effect: 'Allow', Action: 'secretsmanager:Get*', Resource: '*' }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'allow' },
    { name: 'action wildcard ? matches one character', statements: [{ Effect: 'Allow', Action: 'secretsmanager:?etSecretValue', Resource: '*' }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'allow' },
    { name: 'Action "*" matches every action', statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }], action: 'kms:Decrypt', resource: 'arn:aws:kms:us-east-1:1:key/k', decision: 'allow' },
    { name: '-?????? matches the 6-character ARN suffix', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-??????` }], action: 'secretsmanager:GetSecretValue', resource: arn('prod/db'), decision: 'allow' },
    { name: '-?????? does not match a longer name sharing the prefix', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-??????` }], action: 'secretsmanager:GetSecretValue', resource: arn('prod/db-replica'), decision: 'implicit-deny' },
    { name: '-?????? does not match the ARN without suffix (partial ARN)', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-??????` }], action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db`, decision: 'implicit-deny' },
    { name: 'trailing * spans slashes', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:*:${ACCOUNT}:secret:prod/*` }], action: 'secretsmanager:GetSecretValue', resource: arn('prod/a/b'), decision: 'allow' },
    { name: 'mid-segment * does not span a colon', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-*1:123456789012:secret:x' }], action: 'secretsmanager:GetSecretValue', resource: 'arn:aws:secretsmanager:us-east-1:9:x:1:123456789012:secret:x', decision: 'implicit-deny' },
    { name: 'an ARN pattern does not match the "*" resource', statements: [{ Effect: 'Allow', Action: 'secretsmanager:ListSecrets', Resource: 'arn:aws:secretsmanager:*:*:secret:*' }], action: 'secretsmanager:ListSecrets', resource: '*', decision: 'implicit-deny' },
    { name: 'NotAction allows everything except the listed actions', statements: [{ Effect: 'Allow', NotAction: 'secretsmanager:DeleteSecret', Resource: '*' }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'allow' },
    { name: 'NotAction excludes the listed action', statements: [{ Effect: 'Allow', NotAction: ['secretsmanager:Delete*'], Resource: '*' }], action: 'secretsmanager:DeleteSecret', resource: arn('a'), decision: 'implicit-deny' },
    { name: 'NotResource allows every other resource', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', NotResource: arn('admin') }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'allow' },
    { name: 'NotResource excludes the listed resource', statements: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', NotResource: [arn('admin')] }], action: 'secretsmanager:GetSecretValue', resource: arn('admin'), decision: 'implicit-deny' },
    { name: 'explicit Deny beats Allow', statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: arn('a') }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'explicit-deny' },
    { name: 'Deny with NotResource denies all but the exception', statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'secretsmanager:*', NotResource: arn('ok') }], action: 'secretsmanager:GetSecretValue', resource: arn('other'), decision: 'explicit-deny' },
    { name: 'Deny that does not match leaves the Allow', statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: arn('b') }], action: 'secretsmanager:GetSecretValue', resource: arn('a'), decision: 'allow' },
  ];

  it.each(cases)('$name → $decision', ({ statements, action, resource, decision }) => {
    // Act
    const result = evaluatePolicy(policy(...statements), { action, resource });
    // Assess
    expect(result.decision).toBe(decision);
  });

  it('combines several policies: a Deny in one beats an Allow in another', () => {
    const allow = policy({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' });
    const deny = policy({ Sid: 'NoProd', Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:prod/*' });

    const result = evaluatePolicy([allow, deny], { action: 'secretsmanager:GetSecretValue', resource: arn('prod/db') });

    expect(result.decision).toBe('explicit-deny');
    expect(result.matchedStatements.map((m) => [m.policyIndex, m.statementIndex, m.effect, m.sid])).toEqual([
      [0, 0, 'Allow', undefined],
      [1, 0, 'Deny', 'NoProd'],
    ]);
  });

  it('skips a statement with a Condition and returns it in notEvaluated', () => {
    const doc = policy(
      { Sid: 'Tagged', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } } },
      { Sid: 'Other', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    );

    const result = evaluatePolicy(doc, { action: 'secretsmanager:GetSecretValue', resource: arn('a') });

    expect(result.decision).toBe('implicit-deny');
    expect(result.matchedStatements).toEqual([]);
    expect(result.notEvaluated).toHaveLength(1);
    expect(result.notEvaluated[0]).toMatchObject({ sid: 'Tagged', reason: 'condition', effect: 'Allow', statementIndex: 0 });
  });

  it('does not let a conditional Deny deny, but reports it', () => {
    const doc = policy(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
    );

    const result = evaluatePolicy(doc, { action: 'secretsmanager:GetSecretValue', resource: arn('a') });

    expect(result.decision).toBe('allow');
    expect(result.notEvaluated.map((s) => s.effect)).toEqual(['Deny']);
  });

  it('reports a statement with a policy variable in Resource as not evaluated', () => {
    const doc = policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:${aws:username}/*' });

    const result = evaluatePolicy(doc, { action: 'secretsmanager:GetSecretValue', resource: arn('bob/db') });

    expect(result.decision).toBe('implicit-deny');
    expect(result.notEvaluated).toMatchObject([{ reason: 'policy-variable' }]);
  });

  it('treats ${...} literally in a 2008-10-17 policy', () => {
    const doc = parsePolicy({ Version: '2008-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: 'arn:aws:secretsmanager:*:*:secret:${x}-??????' } });

    const result = evaluatePolicy(doc, { action: 'secretsmanager:GetSecretValue', resource: arn('${x}') });

    expect(result.decision).toBe('allow');
  });
});
