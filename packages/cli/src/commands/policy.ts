import { findReferences, InvalidReferenceError, looksLikeReference } from '@secretref/core';
import { BATCH_NOTE, generatePolicy, renderPolicy, type PolicyFormat, type PolicyReference } from '@secretref/core/iam';
import { EXIT, type CliExit, type CliIO } from '../io.js';
import { parseFlags } from '../parse.js';
import { accountFrom, readInputFromFlags, regionFrom } from '../resolve-options.js';
import { UsageError } from '../usage-error.js';
import type { Command } from './command.js';

const POLICY_FLAGS = {
  'env-file': { type: 'string', multiple: true, short: 'f' },
  override: { type: 'boolean' },
  account: { type: 'string' },
  region: { type: 'string' },
  'kms-key': { type: 'string', multiple: true },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const FORMATS: readonly PolicyFormat[] = ['json', 'cdk', 'terraform'];

export const policyCommand: Command = {
  name: 'policy',
  summary: 'print the least-privilege IAM policy these references need (json, cdk, terraform)',
  usage: `usage: secretref policy [options]

Prints the identity policy that exactly the references in the env files and the environment need:
secretsmanager:BatchGetSecretValue on "*" (it cannot be scoped to secrets, and grants none by
itself), secretsmanager:GetSecretValue on each secret (name-?????? for names and partial ARNs, the
ARN itself for full ARNs), and kms:Decrypt on the keys you name. Calls no AWS API. Notes and
warnings go to stderr, so stdout is the policy alone.

options:
  -f, --env-file PATH   env file to read; repeatable (default: .env, skipped when absent)
  --override            the files override variables already set in the environment
  --account ID          account of secrets referenced by name (default: "*", with a warning)
  --region R            region of secrets referenced by name (default: AWS_REGION, else "*")
  --kms-key ARN         a customer-managed KMS key that encrypts the secrets; repeatable
  --format F            json (default), cdk (TypeScript for aws-cdk-lib) or terraform
  -h, --help            show this help

exit codes: 0 printed · 1 no reference found, or a reference does not parse · 2 usage error`,

  async run(args: string[], io: CliIO): Promise<CliExit> {
    const values = parseFlags(args, POLICY_FLAGS);
    if (values.help) {
      io.stdout.write(`${policyCommand.usage}\n`);
      return { code: EXIT.OK };
    }
    const format = (values.format ?? 'json') as PolicyFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`);
    const accountId = accountFrom(values);
    const region = regionFrom(values, io.env);
    const { input } = readInputFromFlags(values, io.env);
    const refs: PolicyReference[] = [];
    const invalid: string[] = [];
    for (const [key, value] of Object.entries(input)) {
      if (!looksLikeReference(value)) continue;
      try {
        for (const m of findReferences(value)) refs.push({ key, reference: m.reference });
      } catch (error) {
        if (!(error instanceof InvalidReferenceError)) throw error;
        invalid.push(`  ✗ ${key}  ${error.message}`);
      }
    }
    if (invalid.length) {
      io.stderr.write(`secretref policy: ${invalid.length} reference${invalid.length === 1 ? ' does' : 's do'} not parse:\n${invalid.join('\n')}\n`);
      return { code: EXIT.UNRESOLVED };
    }
    if (!refs.length) {
      io.stderr.write('secretref policy: no Secrets Manager reference found in the env files or the environment\n');
      return { code: EXIT.UNRESOLVED };
    }
    const generated = generatePolicy(refs, {
      ...(accountId ? { accountId } : {}),
      ...(region ? { region } : {}),
      ...(values['kms-key']?.length ? { kmsKeyArns: values['kms-key'] } : {}),
    });
    io.stdout.write(`${renderPolicy(generated, format)}\n`);
    const notes = [`note: ${BATCH_NOTE}`, ...generated.warnings.map((w) => `warning: ${w}`)];
    io.stderr.write(`${notes.map((n) => `secretref policy: ${n}`).join('\n')}\n`);
    return { code: EXIT.OK };
  },
};
