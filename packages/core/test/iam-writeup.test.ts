import { describe, expect, it } from 'vitest';
import { evaluatePolicy, parsePolicy } from '../src/iam/index.js';

// The two policies of the BatchGetSecretValue write-up (shared/seeds), account 12345678910.
// The second one is printed with a typographic quote and a missing `]`; fixed here.
const BATCH_ONLY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: '*' }],
};
const prefix = 'arn:aws:secretsmanager:us-east-1:12345678910:secret:';
const BATCH_AND_GET = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: ['*'] },
    {
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: [`${prefix}SecretOne-??????`, `${prefix}SecretTwo-??????`, `${prefix}SecretThree-??????`],
    },
  ],
};
const AS_PRINTED = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue"],
  "Resource":["${prefix}SecretOne-??????”,"${prefix}SecretTwo-??????"}]}`;

describe('Write-up policies', () => {
  const secrets = ['SecretOne', 'SecretTwo', 'SecretThree'].map((n) => `${prefix}${n}-x1Y2z3`);

  it('the first policy allows the batch call but no secret', () => {
    const doc = parsePolicy(BATCH_ONLY);

    expect(evaluatePolicy(doc, { action: 'secretsmanager:BatchGetSecretValue', resource: '*' }).decision).toBe('allow');
    for (const resource of secrets) {
      expect(evaluatePolicy(doc, { action: 'secretsmanager:GetSecretValue', resource }).decision).toBe('implicit-deny');
    }
  });

  it('the second policy allows the batch call and each of the three secrets', () => {
    const doc = parsePolicy(BATCH_AND_GET);

    expect(evaluatePolicy(doc, { action: 'secretsmanager:BatchGetSecretValue', resource: '*' }).decision).toBe('allow');
    for (const resource of secrets) {
      expect(evaluatePolicy(doc, { action: 'secretsmanager:GetSecretValue', resource }).decision).toBe('allow');
    }
    expect(evaluatePolicy(doc, { action: 'secretsmanager:GetSecretValue', resource: `${prefix}SecretFour-x1Y2z3` }).decision).toBe('implicit-deny');
  });

  it('rejects the policy as printed (typographic quote) with a JSON error', () => {
    expect(() => parsePolicy(AS_PRINTED)).toThrow(/not valid JSON/);
  });
});
