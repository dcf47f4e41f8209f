import { describe, expect, it } from 'vitest';
import { parseReference } from '../src/index.js';
import { evaluatePolicy, generatePolicy, parsePolicy, renderPolicy } from '../src/iam/index.js';

const ref = (key: string, value: string) => ({ key, reference: parseReference(value)! });
const FULL = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-AbCdEf';
const PARTIAL = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:partial';

describe('Function: generatePolicy', () => {
  it('grants BatchGetSecretValue on * and GetSecretValue on exactly each referenced secret', () => {
    const g = generatePolicy(
      [ref('A', 'secretsmanager:prod/db:password'), ref('B', 'secretsmanager:prod/db:user'), ref('C', `secretsmanager:${FULL}`), ref('D', `secretsmanager:${PARTIAL}`)],
      { accountId: '123456789012', region: 'us-east-1' },
    );
    expect(g.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'SecretrefBatchGetSecretValue', Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' },
        {
          Sid: 'SecretrefGetSecretValue', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue',
          Resource: [
            'arn:aws:secretsmanager:eu-west-1:111122223333:secret:api-AbCdEf',
            'arn:aws:secretsmanager:eu-west-1:111122223333:secret:partial-??????',
            'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????',
          ],
        },
      ],
    });
    expect(g.secrets.find((s) => s.secretId === 'prod/db')?.keys).toEqual(['A', 'B']);
    expect(g.warnings).toEqual([]);
  });

  it('uses * placeholders with a warning when the account or region is unknown', () => {
    const g = generatePolicy([ref('A', 'secretsmanager:prod/db')]);
    expect(g.secrets[0]?.resource).toBe('arn:aws:secretsmanager:*:*:secret:prod/db-??????');
    expect(g.warnings.join('\n')).toMatch(/region .* unknown.*--region/);
    expect(g.warnings.join('\n')).toMatch(/account .* unknown.*--account/);
  });

  it('omits the batch statement when every reference is pinned, and adds kms:Decrypt on given keys', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const g = generatePolicy([ref('P', 'secretsmanager:prod/db::AWSPREVIOUS')], { accountId: '123456789012', region: 'us-east-1', kmsKeyArns: [key, 'alias/mine'] });
    const sids = (g.document.Statement as ReadonlyArray<{ Sid?: string }>).map((s) => s.Sid);
    expect(sids).toEqual(['SecretrefGetSecretValue', 'SecretrefKmsDecrypt']);
    expect(g.warnings.join('\n')).toMatch(/"alias\/mine" is not a KMS key ARN/);
  });

  it('produces a policy the evaluator allows for every reference and denies for others', () => {
    const g = generatePolicy([ref('A', 'secretsmanager:prod/db'), ref('C', `secretsmanager:${FULL}`)], { accountId: '123456789012', region: 'us-east-1' });
    const policy = parsePolicy(g.document);
    const allowed = (resource: string, action = 'secretsmanager:GetSecretValue') => evaluatePolicy(policy, { action, resource }).decision;
    expect(allowed('*', 'secretsmanager:BatchGetSecretValue')).toBe('allow');
    expect(allowed('arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Zx12Yw')).toBe('allow');
    expect(allowed(FULL)).toBe('allow');
    expect(allowed('arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db2-Zx12Yw')).toBe('implicit-deny');
    expect(allowed('arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Zx12Yw', 'secretsmanager:PutSecretValue')).toBe('implicit-deny');
  });
});

describe('Function: renderPolicy', () => {
  const g = generatePolicy([ref('A', 'secretsmanager:prod/db')], { accountId: '123456789012', region: 'us-east-1' });

  it('renders JSON that parses back to the document', () => {
    expect(JSON.parse(renderPolicy(g, 'json'))).toEqual(g.document);
  });

  it('renders CDK statements that include the batch grant grantRead lacks, and say why it is on *', () => {
    const cdk = renderPolicy(g, 'cdk');
    expect(cdk).toContain("actions: [\"secretsmanager:BatchGetSecretValue\"]");
    expect(cdk).toContain('"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????"');
    expect(cdk).toMatch(/cannot be scoped to secrets/);
    expect(cdk.match(/role\.addToPrincipalPolicy/g)).toHaveLength(2);
  });

  it('renders a Terraform aws_iam_policy_document', () => {
    const tf = renderPolicy(g, 'terraform');
    expect(tf).toMatch(/^data "aws_iam_policy_document" "secretref" \{/);
    expect(tf).toContain('actions   = ["secretsmanager:GetSecretValue"]');
    expect(tf.match(/statement \{/g)).toHaveLength(2);
  });

  it('rejects an unknown format', () => {
    expect(() => renderPolicy(g, 'yaml' as 'json')).toThrow(/unknown policy format "yaml"/);
  });
});
