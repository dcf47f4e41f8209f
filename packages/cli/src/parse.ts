import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` in strict mode, its errors turned into UsageError. */
export function parseFlags<T extends Options>(args: string[], options: T): ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>['values'] {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Splits `[flags] [--] command [args]`: the command starts after `--`, or at the first argument
 * that is neither a flag nor a flag's value. Flags after that belong to the command.
 */
export function splitAtCommand(args: string[], options: Options): { own: string[]; command: string[] } {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return { own: args.slice(0, i), command: args.slice(i + 1) };
    if (!arg.startsWith('-') || arg === '-') return { own: args.slice(0, i), command: args.slice(i) };
    if (arg.includes('=')) continue;
    const spec = arg.startsWith('--') ? options[arg.slice(2)] : Object.values(options).find((o) => `-${o.short}` === arg);
    if (spec?.type === 'string') i++;
  }
  return { own: args, command: [] };
}
