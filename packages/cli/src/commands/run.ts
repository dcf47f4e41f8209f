import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { formatReport, injectEnv, isSecretResolutionError } from '@secretref/core';
import { EXIT, type CliExit, type CliIO } from '../io.js';
import { parseFlags, splitAtCommand } from '../parse.js';
import { RESOLVE_FLAGS, RESOLVE_FLAGS_HELP, resolveFromFlags } from '../resolve-options.js';
import { UsageError } from '../usage-error.js';
import type { Command } from './command.js';

const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export const runCommand: Command = {
  name: 'run',
  summary: 'run a command with every reference resolved in its environment',
  usage: `usage: secretref run [options] -- <command> [args...]

Resolves every Secrets Manager reference in the env files and in the environment, then runs
<command> with the resolved environment (stdio inherited; SIGINT, SIGTERM and SIGHUP forwarded).
Exits with the command's exit code, or dies of the same signal. If anything fails to resolve the
report goes to stderr, the command is not started, and the exit code is 78.

options:
${RESOLVE_FLAGS_HELP}`,

  async run(args: string[], io: CliIO): Promise<CliExit> {
    const { own, command } = splitAtCommand(args, RESOLVE_FLAGS);
    const values = parseFlags(own, RESOLVE_FLAGS);
    if (values.help) {
      io.stdout.write(`${runCommand.usage}\n`);
      return { code: EXIT.OK };
    }
    const [file, ...rest] = command;
    if (!file) throw new UsageError('missing the command to run (secretref run [options] -- <command> [args...])');

    let env: NodeJS.ProcessEnv;
    try {
      const result = await resolveFromFlags(values, io.env);
      env = { ...io.env };
      injectEnv(result, env, { override: values.override ?? false });
      if (result.report.warnings.length) io.stderr.write(`${formatReport(result.report)}\n`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      io.stderr.write(`${isSecretResolutionError(error) ? error.message : `secretref: ${(error as Error).message}`}\n`);
      return { code: EXIT.CONFIG };
    }
    return spawnInherited(file, rest, env, io);
  },
};

function spawnInherited(file: string, args: string[], env: NodeJS.ProcessEnv, io: CliIO): Promise<CliExit> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    for (const s of FORWARDED) process.on(s, forward);
    const done = (exit: CliExit): void => {
      for (const s of FORWARDED) process.off(s, forward);
      resolve(exit);
    };
    child.once('error', (error: NodeJS.ErrnoException) => {
      const notFound = error.code === 'ENOENT';
      io.stderr.write(`secretref: ${notFound ? 'command not found' : 'cannot execute'}: ${file} (${error.code ?? error.message})\n`);
      done({ code: notFound ? EXIT.NOT_FOUND : EXIT.CANNOT_EXECUTE });
    });
    child.once('exit', (code, signal) => {
      if (signal) done({ code: 128 + (constants.signals[signal] ?? 0), signal });
      else done({ code: code ?? 1 });
    });
  });
}
