import { checkCommand } from './check.js';
import type { Command } from './command.js';
import { policyCommand } from './policy.js';
import { runCommand } from './run.js';

/** Every subcommand, in help order. */
export const COMMANDS: readonly Command[] = [runCommand, checkCommand, policyCommand];
export type { Command } from './command.js';
