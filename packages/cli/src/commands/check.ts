import { readFileSync } from 'node:fs';
import { isSecretResolutionError, type ResolutionReport } from '@secretref/core';
import { parsePolicy, PolicyParseError, predictResolution, type ParsedPolicy } from '@secretref/core/iam';
import { formatCheckTable } from '../check-table.js';
import { EXIT, type CliExit, type CliIO } from '../io.js';
import { parseFlags } from '../parse.js';
import { accountFrom, optionalKeys, readInputFromFlags, regionFrom, RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveFromFlags, type ResolveFlagValues } from '../resolve-options.js';
import { UsageError } from '../usage-error.js';
import type { Command } from './command.js';

const CHECK_FLAGS = {
  ...RESOLVE_FLAGS,
  json: { type: 'boolean' },
  policy: { type: 'string', multiple: true },
  account: { type: 'string' },
} as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'resolve every reference and print a status table, without printing any value',
  usage: `usage: secretref check [options]

Resolves every Secrets Manager reference in the env files and in the environment and prints one
row per variable: ✓ resolved, ✗ failed (with the fix), ! warning. Never prints a value.
Exits 0 when every reference resolved (failures of --optional variables are warnings), 1 otherwise.

options:
${RESOLVE_FLAGS_HELP}
  --json            print the resolution report as JSON (no values)
  --policy FILE     predict instead of resolving: evaluate the references against this IAM
                    identity policy (JSON; repeatable for several attached policies) without
                    calling AWS, and print the report a real boot would give. Statements with a
                    Condition are reported as "not evaluated", never as allowing
  --account ID      with --policy: account of secrets referenced by name (default: the one
                    account the policy names)`,

  async run(args: string[], io: CliIO): Promise<CliExit> {
    const values = parseFlags(args, CHECK_FLAGS);
    if (values.help) {
      io.stdout.write(`${checkCommand.usage}\n`);
      return { code: EXIT.OK };
    }
    if (values.policy?.length) return predict(values, io);
    if (values.account !== undefined) throw new UsageError('--account goes with --policy');
    let report: ResolutionReport;
    try {
      report = (await resolveFromFlags(values, io.env)).report;
    } catch (error) {
      if (!isSecretResolutionError(error)) {
        if (error instanceof UsageError) throw error;
        io.stderr.write(`secretref: ${(error as Error).message}\n`);
        return { code: EXIT.UNRESOLVED };
      }
      report = error.report;
    }
    io.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatCheckTable(report)}\n`);
    // An --optional variable that failed is a warning (it stays unset), not a failure.
    return { code: report.ok ? EXIT.OK : EXIT.UNRESOLVED };
  },
};

/** `check --policy`: the report a boot would give under these policies, from the policies alone. */
function predict(values: ResolveFlagValues & { policy?: string[]; account?: string; json?: boolean }, io: CliIO): CliExit {
  const policies: ParsedPolicy[] = (values.policy ?? []).map(readPolicy);
  const accountId = accountFrom(values);
  const region = regionFrom(values, io.env);
  const { input } = readInputFromFlags(values, io.env);
  const entries = Object.entries(input).map(([key, value]) => ({ key, value }));
  if (values['timeout-ms'] !== undefined) throw new UsageError('--timeout-ms does not apply to --policy (no AWS call is made)');
  const optional = optionalKeys(values.optional);
  const { report, notEvaluated, assumptions } = predictResolution(entries, policies, {
    ...(region ? { region } : {}),
    ...(accountId ? { accountId } : {}),
    ...(optional.length ? { optional } : {}),
  });
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ predicted: true, policies: values.policy, report, notEvaluated, assumptions }, null, 2)}\n`);
  } else {
    const lines = [
      `prediction from ${(values.policy ?? []).join(', ')} (identity policies only; no AWS call made)`,
      formatCheckTable(report),
      ...notEvaluated.map((n) => `  ? not evaluated: ${n.statement} (${n.reason === 'condition' ? 'has a Condition' : 'uses a policy variable'}) for ${n.action} on ${n.resource}`),
      ...assumptions.map((a) => `  assumed: ${a}`),
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return { code: report.ok ? EXIT.OK : EXIT.UNRESOLVED };
}

function readPolicy(path: string): ParsedPolicy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the policy file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, false);
  }
  try {
    return parsePolicy(text);
  } catch (error) {
    if (PolicyParseError.isInstance(error)) {
      throw new UsageError(`${path} is not a valid IAM policy:\n${error.issues.map((i) => `  ${i.path || '(document)'}: ${i.message}`).join('\n')}`, false);
    }
    throw error;
  }
}
