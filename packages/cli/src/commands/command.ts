import type { CliExit, CliIO } from '../io.js';

/** One subcommand. Add a file per command and list it in commands/index.ts. */
export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** The command's own help text (printed for `--help` and after a usage error). */
  usage: string;
  /** Throws UsageError for a bad invocation. */
  run(args: string[], io: CliIO): Promise<CliExit>;
}
