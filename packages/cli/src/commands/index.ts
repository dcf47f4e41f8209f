import { checkCommand } from './check.js';
import type { Command } from './command.js';
import { runCommand } from './run.js';

/** Every subcommand, in help order. Issue 5 adds `policy` here. */
export const COMMANDS: readonly Command[] = [runCommand, checkCommand];
export type { Command } from './command.js';
