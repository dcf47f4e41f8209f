/** Where the CLI reads and writes; `main` takes one so tests can capture output. */
export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /**
   * The environment to resolve and to hand to the command. Default `process.env` (never written).
   * The AWS SDK still reads its settings (region, credentials, endpoint) from `process.env`.
   */
  env: NodeJS.ProcessEnv;
}

/** How the CLI ends: an exit code, or the signal the command died of (then `code` is 128 + its number). */
export interface CliExit {
  code: number;
  signal?: NodeJS.Signals;
}

export const EXIT = {
  OK: 0,
  /** `check`: at least one reference did not resolve. */
  UNRESOLVED: 1,
  /** Unknown flag, bad flag value, missing command, env file not found. */
  USAGE: 2,
  /** `run`: the command exists but cannot be executed. */
  CANNOT_EXECUTE: 126,
  /** `run`: the command was not found. */
  NOT_FOUND: 127,
  /** `run`: resolution failed (EX_CONFIG); the command was not started. */
  CONFIG: 78,
} as const;

export function defaultIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
