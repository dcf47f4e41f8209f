import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../src/index.js';

/** An io that captures stdout and stderr; `env` defaults to a copy of process.env. */
export function captureIO(env: NodeJS.ProcessEnv = { ...process.env }): CliIO & { out(): string; err(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (c: string) => out.push(c) },
    stderr: { write: (c: string) => err.push(c) },
    env,
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** A temporary directory with the given files; `cleanup()` removes it. */
export function tempDir(files: Record<string, string> = {}): { dir: string; path(name: string): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'secretref-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
