import { grantResourceFor, parseSecretArn } from '../arn.js';
import type { SecretReference } from '../grammar.js';
import type { PolicyDocument, PolicyStatement } from './types.js';

export interface PolicyReference {
  /** Env name or config path that holds the reference (for the report). */
  key?: string;
  reference: SecretReference;
}

export interface GeneratePolicyOptions {
  /** Account of secrets referenced by name or partial ARN without one. Unknown → `*` and a warning. */
  accountId?: string;
  /** Region of secrets referenced by name. Unknown → `*` and a warning. */
  region?: string;
  /** Customer-managed KMS key ARNs that encrypt the secrets: `kms:Decrypt` on each. */
  kmsKeyArns?: string[];
}

export interface GrantedSecret {
  secretId: string;
  /** The IAM resource granted for it. */
  resource: string;
  keys: string[];
}

export interface GeneratedPolicy {
  document: PolicyDocument;
  secrets: GrantedSecret[];
  /** Placeholders used and other things to check before deploying. */
  warnings: string[];
}

export const BATCH_SID = 'SecretrefBatchGetSecretValue';
export const GET_SID = 'SecretrefGetSecretValue';
export const KMS_SID = 'SecretrefKmsDecrypt';

/** Why the batch statement is on `*`: it is printed with every generated policy. */
export const BATCH_NOTE =
  'secretsmanager:BatchGetSecretValue cannot be scoped to secrets, so it is granted on "*"; it grants no secret by itself: ' +
  'each secret is still read under secretsmanager:GetSecretValue on that secret, which is scoped below.';

/**
 * The least-privilege identity policy that exactly these references need: BatchGetSecretValue on
 * `*` (when any reference is read by batch), GetSecretValue on each secret (a name or partial ARN
 * plus `-??????`, a full ARN as is), and kms:Decrypt on the given keys. No ListSecrets: secretref
 * never uses Filters.
 */
export function generatePolicy(refs: PolicyReference[], options: GeneratePolicyOptions = {}): GeneratedPolicy {
  const warnings: string[] = [];
  const byResource = new Map<string, GrantedSecret>();
  let needsBatch = false;
  let unknownRegion = false;
  let unknownAccount = false;
  for (const { key, reference } of refs) {
    if (!reference.versionStage && !reference.versionId) needsBatch = true;
    const arn = parseSecretArn(reference.secretId);
    const region = arn?.region ?? options.region;
    const account = arn?.accountId ?? options.accountId;
    if (!region) unknownRegion = true;
    if (!account) unknownAccount = true;
    const resource = grantResourceFor(reference.secretId, region, account);
    let g = byResource.get(resource);
    if (!g) byResource.set(resource, (g = { secretId: reference.secretId, resource, keys: [] }));
    if (key !== undefined && !g.keys.includes(key)) g.keys.push(key);
  }
  if (unknownRegion) warnings.push('the region of secrets referenced by name is unknown: the policy uses "*" for it; pass --region (or set AWS_REGION)');
  if (unknownAccount) warnings.push('the account of secrets referenced by name is unknown: the policy uses "*" for it; pass --account');

  const statements: PolicyStatement[] = [];
  if (needsBatch) statements.push({ Sid: BATCH_SID, Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' });
  const resources = [...byResource.keys()].sort();
  if (resources.length) statements.push({ Sid: GET_SID, Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: resources });
  const keys = [...new Set(options.kmsKeyArns ?? [])];
  for (const k of keys) {
    if (!/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/.test(k)) {
      warnings.push(`"${k}" is not a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key-id>); kms:Decrypt is granted on key ARNs, not aliases`);
    }
  }
  if (keys.length) statements.push({ Sid: KMS_SID, Effect: 'Allow', Action: 'kms:Decrypt', Resource: keys });
  return {
    document: { Version: '2012-10-17', Statement: statements },
    secrets: [...byResource.values()].sort((a, b) => a.resource.localeCompare(b.resource)),
    warnings,
  };
}

export type PolicyFormat = 'json' | 'cdk' | 'terraform';

/** Renders a generated policy as IAM JSON, AWS CDK TypeScript, or a Terraform aws_iam_policy_document. */
export function renderPolicy(generated: GeneratedPolicy, format: PolicyFormat = 'json'): string {
  const statements = generated.document.Statement as PolicyStatement[];
  if (format === 'json') return JSON.stringify(generated.document, null, 2);
  if (format === 'cdk') return renderCdk(statements);
  if (format === 'terraform') return renderTerraform(statements);
  throw new TypeError(`unknown policy format "${String(format)}": use json, cdk or terraform`);
}

const list = (v: PolicyStatement['Resource']): string[] => (v === undefined ? [] : typeof v === 'string' ? [v] : [...v]);

function renderCdk(statements: PolicyStatement[]): string {
  const lines = [
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    '',
    '// `role` is the iam.IGrantable that runs the service (a Lambda function, an ECS task role, ...).',
    '// Secret.grantRead() grants GetSecretValue/DescribeSecret on one secret but not BatchGetSecretValue:',
    '// the first statement adds it.',
  ];
  for (const s of statements) {
    if (s.Sid === BATCH_SID) lines.push(`// ${BATCH_NOTE}`);
    lines.push(
      'role.addToPrincipalPolicy(new iam.PolicyStatement({',
      `  sid: ${JSON.stringify(s.Sid)},`,
      `  actions: ${JSON.stringify(list(s.Action))},`,
      `  resources: [${list(s.Resource).map((r) => `\n    ${JSON.stringify(r)},`).join('')}\n  ],`,
      '}));',
    );
  }
  return lines.join('\n');
}

function renderTerraform(statements: PolicyStatement[]): string {
  const lines = ['data "aws_iam_policy_document" "secretref" {'];
  for (const s of statements) {
    if (s.Sid === BATCH_SID) lines.push(`  # ${BATCH_NOTE}`);
    lines.push(
      '  statement {',
      `    sid       = ${JSON.stringify(s.Sid)}`,
      '    effect    = "Allow"',
      `    actions   = ${JSON.stringify(list(s.Action))}`,
      `    resources = [${list(s.Resource).map((r) => `\n      ${JSON.stringify(r)},`).join('')}\n    ]`,
      '  }',
    );
  }
  lines.push('}');
  return lines.join('\n');
}

