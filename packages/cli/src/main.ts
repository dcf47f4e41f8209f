import { COMMANDS } from './commands/index.js';
import { defaultIO, EXIT, type CliExit, type CliIO } from './io.js';
import { UsageError } from './usage-error.js';
import { VERSION } from './version.js';

export const USAGE = `usage: secretref <command> [options]

Resolves AWS Secrets Manager references (secretsmanager:<id>[:<json-key>...] and
{{resolve:secretsmanager:...}}) in .env files and the environment.

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(8)}${c.summary}`).join('\n')}

options:
  -h, --help      show this help (secretref <command> --help for a command's options)
  -v, --version   print the version

exit codes: 0 ok · 1 check found unresolved references · 2 usage error · 78 run: resolution failed
(the command did not start) · otherwise run exits with the command's own code or signal`;

/**
 * The `secretref` CLI without the process around it: parses `argv` (without `node` and the script),
 * runs the command, and returns how to exit. Never calls process.exit.
 */
export async function main(argv: readonly string[], io: CliIO = defaultIO()): Promise<CliExit> {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help') {
    io.stdout.write(`${USAGE}\n`);
    return { code: EXIT.OK };
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return { code: EXIT.OK };
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    const why = first === undefined ? 'missing command' : first.startsWith('-') ? `unknown option ${first}` : `unknown command ${JSON.stringify(first)}`;
    io.stderr.write(`secretref: ${why}\n\n${USAGE}\n`);
    return { code: EXIT.USAGE };
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(error.showUsage ? `secretref ${command.name}: ${error.message}\n\n${command.usage}\n` : `${error.message}\n`);
    return { code: EXIT.USAGE };
  }
}
