import { isSecretResolutionError, type ResolutionReport } from '@secretref/core';
import { formatCheckTable } from '../check-table.js';
import { EXIT, type CliExit, type CliIO } from '../io.js';
import { parseFlags } from '../parse.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveFromFlags } from '../resolve-options.js';
import { UsageError } from '../usage-error.js';
import type { Command } from './command.js';

const CHECK_FLAGS = { ...RESOLVE_FLAGS, json: { type: 'boolean' } } as const;

export const checkCommand: Command = {
  name: 'check',
  summary: 'resolve every reference and print a status table, without printing any value',
  usage: `usage: secretref check [options]

Resolves every Secrets Manager reference in the env files and in the environment and prints one
row per variable: ✓ resolved, ✗ failed (with the fix), ! warning. Never prints a value.
Exits 0 when every reference resolved, 1 otherwise.

options:
${RESOLVE_FLAGS_HELP}
  --json            print the resolution report as JSON (no values)`,

  async run(args: string[], io: CliIO): Promise<CliExit> {
    const values = parseFlags(args, CHECK_FLAGS);
    if (values.help) {
      io.stdout.write(`${checkCommand.usage}\n`);
      return { code: EXIT.OK };
    }
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
    const allResolved = report.ok && report.resolvedReferences === report.references;
    return { code: allResolved ? EXIT.OK : EXIT.UNRESOLVED };
  },
};
