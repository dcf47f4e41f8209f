import { spawnSync } from 'node:child_process';
import { startEmulator } from '@secretref/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { childEnv, CLI, runChild, workDir } from '../env/support.js';
import { ACCOUNT, BATCH_AND_GET, BATCH_ONLY, SECRETS } from '../fixtures/writeup.js';

/** `secretref policy` and `secretref check --policy` as child processes (issue: the IAM doctor). */
const node = process.execPath;
const WRITEUP_ENV = SECRETS.map((s, i) => `S${i + 1}=secretsmanager:${s}`).join('\n');
let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function dir(files: Record<string, string>) {
  const w = workDir(files);
  cleanup = w.cleanup;
  return w;
}

const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...extra });

describe('CLI: secretref check --policy', () => {
  it("predicts three SECRET_ACCESS_DENIED under the write-up's first policy, without calling AWS, exit 1", async () => {
    const w = dir({ '.env': WRITEUP_ENV, 'p1.json': JSON.stringify(BATCH_ONLY) });
    const r = await runChild(node, [CLI, 'check', '--policy', 'p1.json', '--region', 'us-east-1', '--account', ACCOUNT], { cwd: w.dir, env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^prediction from p1\.json \(identity policies only; no AWS call made\)/);
    for (const [i, s] of SECRETS.entries()) {
      expect(r.stdout).toMatch(new RegExp(`✗ S${i + 1}\\s+${s}\\s+SECRET_ACCESS_DENIED`));
      expect(r.stdout).toContain(`allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${s}-??????`);
    }
  });

  it("predicts every reference allowed under the second policy, exit 0, and --json parses", async () => {
    const w = dir({ '.env': WRITEUP_ENV, 'p2.json': JSON.stringify(BATCH_AND_GET) });
    const r = await runChild(node, [CLI, 'check', '--policy', 'p2.json', '--json'], { cwd: w.dir, env: env({ AWS_REGION: 'us-east-1' }) });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { predicted: boolean; report: { ok: boolean; resolvedReferences: number; calls: Record<string, number> } };
    expect(out.predicted).toBe(true);
    expect(out.report).toMatchObject({ ok: true, resolvedReferences: 3, calls: { BatchGetSecretValue: 0, GetSecretValue: 0 } });
  });

  it('reports a statement with a Condition as not evaluated, never as allowing', async () => {
    const conditional = { Version: '2012-10-17', Statement: [...BATCH_ONLY.Statement as object[], { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] };
    const w = dir({ '.env': WRITEUP_ENV, 'p.json': JSON.stringify(conditional) });
    const r = await runChild(node, [CLI, 'check', '--policy', 'p.json', '--region', 'us-east-1', '--account', ACCOUNT], { cwd: w.dir, env: env() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\? not evaluated: policy 1 Statement\[1\] \(has a Condition\) for secretsmanager:GetSecretValue/);
    expect(r.stdout.match(/SECRET_ACCESS_DENIED/g)).toHaveLength(3);
  });

  it('exits 2 listing every problem of a malformed policy', async () => {
    const w = dir({ '.env': WRITEUP_ENV, 'bad.json': JSON.stringify({ Statement: [{ Effect: 'Maybe', Action: 'GetSecretValue', Resources: '*' }] }) });
    const r = await runChild(node, [CLI, 'check', '--policy', 'bad.json'], { cwd: w.dir, env: env() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json is not a valid IAM policy/);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('  Statement[0]')).length).toBeGreaterThanOrEqual(3);
  });
});

describe('CLI: secretref policy', () => {
  const ENV = 'DB_PASSWORD=secretsmanager:prod/db:password\nDB_USER=secretsmanager:prod/db:user\nPREV=secretsmanager:prod/api::AWSPREVIOUS\nURL=https://u:{{resolve:secretsmanager:prod/url}}@h\nREMOTE=secretsmanager:arn:aws:secretsmanager:eu-west-1:111122223333:secret:remote-AbCdEf\n';

  it('prints the least-privilege policy as JSON on stdout, with the batch note on stderr', async () => {
    const w = dir({ '.env': ENV });
    const r = await runChild(node, [CLI, 'policy', '--account', ACCOUNT, '--region', 'us-east-1'], { cwd: w.dir, env: env() });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'SecretrefBatchGetSecretValue', Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' },
        {
          Sid: 'SecretrefGetSecretValue', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue',
          Resource: [
            'arn:aws:secretsmanager:eu-west-1:111122223333:secret:remote-AbCdEf',
            `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/api-??????`,
            `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/db-??????`,
            `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/url-??????`,
          ],
        },
      ],
    });
    expect(r.stderr).toMatch(/BatchGetSecretValue cannot be scoped to secrets/);
  });

  it('uses * placeholders with warnings when account and region are unknown', async () => {
    const w = dir({ '.env': 'A=secretsmanager:prod/a\n' });
    const r = await runChild(node, [CLI, 'policy'], { cwd: w.dir, env: env() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('arn:aws:secretsmanager:*:*:secret:prod/a-??????');
    expect(r.stderr).toMatch(/warning: the region .* --region/);
    expect(r.stderr).toMatch(/warning: the account .* --account/);
  });

  it('prints CDK and Terraform forms that carry the batch statement', async () => {
    const w = dir({ '.env': ENV });
    const cdk = await runChild(node, [CLI, 'policy', '--format', 'cdk', '--account', ACCOUNT, '--region', 'us-east-1', '--kms-key', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`], { cwd: w.dir, env: env() });
    expect(cdk.code).toBe(0);
    expect(cdk.stdout).toContain("import * as iam from 'aws-cdk-lib/aws-iam';");
    expect(cdk.stdout).toContain('"secretsmanager:BatchGetSecretValue"');
    expect(cdk.stdout).toContain('"kms:Decrypt"');
    const tf = await runChild(node, [CLI, 'policy', '--format', 'terraform', '--account', ACCOUNT, '--region', 'us-east-1'], { cwd: w.dir, env: env() });
    expect(tf.stdout).toMatch(/^data "aws_iam_policy_document" "secretref" \{/);
    const bad = await runChild(node, [CLI, 'policy', '--format', 'yaml'], { cwd: w.dir, env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of json, cdk, terraform/);
  });

  it('exits 1 naming references that do not parse, and when there is none', async () => {
    const w = dir({ '.env': 'A=secretsmanager:bad name\n', 'empty.env': 'X=1\n' });
    const r = await runChild(node, [CLI, 'policy'], { cwd: w.dir, env: env() });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✗ A\s+\[INVALID_REFERENCE\]/);
    const none = await runChild(node, [CLI, 'policy', '-f', 'empty.env'], { cwd: w.dir, env: env() });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no Secrets Manager reference found/);
  });

  it('round trip: the printed policy, loaded into the emulator, lets secretref check resolve everything', async () => {
    const w = dir({ '.env': ENV.replace(/REMOTE=.*\n/, '') });
    const printed = await runChild(node, [CLI, 'policy', '--account', ACCOUNT, '--region', 'us-east-1'], { cwd: w.dir, env: env() });
    const emu = await startEmulator({
      seed: {
        accountId: ACCOUNT,
        secrets: [
          { name: 'prod/db', value: { user: 'u', password: 'p' } },
          { name: 'prod/api', value: 'k2', previousValue: 'k1' },
          { name: 'prod/url', value: 't' },
        ],
        callers: [{ accessKeyId: 'AKIAGENERATED', arn: `arn:aws:iam::${ACCOUNT}:role/app`, policy: JSON.parse(printed.stdout) }],
      },
    });
    try {
      const r = await runChild(node, [CLI, 'check'], { cwd: w.dir, env: childEnv(emu.endpoint, 'AKIAGENERATED') });
      expect(r.stdout).toMatch(/^secretref: 4 of 4 references resolved/);
      expect(r.code).toBe(0);
    } finally {
      await emu.stop();
    }
  });

  it('is listed in the top-level help', () => {
    const r = spawnSync(node, [CLI, '--help'], { encoding: 'utf8', env: env() });
    expect(r.stdout).toMatch(/policy\s+print the least-privilege IAM policy/);
  });
});
