#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { EmulatorConfigError } from './config-error.js';
import { loadSeedFile, type EmulatorSeed } from './seed.js';
import type { EmulatorLogEntry } from './server.js';
import { startEmulator } from './start.js';

const USAGE = `Usage: secretref-emulator [options]

A local AWS Secrets Manager (awsJson1_1) with IAM policy evaluation and fault injection.

Options:
  --port <n>         TCP port (default 4566; 0 = any free port)
  --host <host>      interface to bind (default 127.0.0.1)
  --seed <file>      seed file (JSON): secrets, callers and their policies, faults
  --latency-ms <n>   fixed latency added to every request (default 0)
  --verbose          log each request (operation, caller, status) to stderr
  --help             show this help

Prints "secretref-emulator listening on <endpoint>" when ready; stops on SIGINT/SIGTERM.
`;

function fail(message: string, code: number): never {
  process.stderr.write(`secretref-emulator: ${message}\n`);
  if (code === 2) process.stderr.write(`\n${USAGE}`);
  process.exit(code);
}

function integer(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) fail(`--${name} must be an integer from 0 to ${max}, got "${value}"`, 2);
  return Number(value);
}

function parse() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'latency-ms': { type: 'string' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), 2);
  }
}

function logger(verbose: boolean) {
  return (entry: EmulatorLogEntry) => {
    if (entry.kind === 'warning') process.stderr.write(`secretref-emulator: warning: ${entry.message}\n`);
    else if (verbose) {
      const outcome = entry.status === undefined ? `no answer (${entry.fault ?? ''})` : `${entry.status}${entry.errorType ? ` ${entry.errorType}` : ''}`;
      process.stderr.write(`${entry.operation} ${entry.caller} ${outcome} ${entry.durationMs}ms\n`);
    }
  };
}

async function main(): Promise<void> {
  const values = parse();
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = integer(values.port, 'port', 4566, 65535);
  const latencyMs = integer(values['latency-ms'], 'latency-ms', 0, 600_000);
  const host = values.host ?? '127.0.0.1';
  if (host === '') fail('--host must not be empty', 2);
  let seed: EmulatorSeed = {};
  if (values.seed !== undefined) {
    try {
      seed = await loadSeedFile(values.seed);
    } catch (error) {
      if (EmulatorConfigError.isInstance(error)) fail(error.message, 1);
      const code = (error as NodeJS.ErrnoException).code;
      fail(`cannot read seed file ${values.seed}${code ? ` (${code})` : ''}`, 1);
    }
  }
  const faults = latencyMs > 0 ? { ...seed.faults, '*': { ...seed.faults?.['*'], latencyMs } } : seed.faults;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    process.stderr.write(`secretref-emulator: warning: binding ${host} exposes the emulator (no authentication) beyond this machine\n`);
  }
  let emulator;
  try {
    emulator = await startEmulator({ port, host, seed, ...(faults !== undefined ? { faults } : {}), log: logger(values.verbose) });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${port} is already in use` : error instanceof Error ? error.message : String(error), 1);
  }
  process.stdout.write(`secretref-emulator listening on ${emulator.endpoint}\n`);
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 1));
