import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { EnvFileError } from './errors.js';

export const DEFAULT_ENV_FILE = '.env';

export interface ReadEnvFilesOptions {
  /**
   * Env file(s), relative to the current directory. Default `.env`.
   * With several files the first one to define a key wins (dotenv), or the last one with `override`.
   */
  path?: string | readonly string[];
  /** File encoding. Default `utf8`. */
  encoding?: BufferEncoding;
  /** Later files override earlier ones (dotenv's `override` applies between files too). Default false. */
  override?: boolean;
  /**
   * Skip files that do not exist. Default: true when `path` is not given (a missing `.env` is fine),
   * false when it is (a file you named must exist: EnvFileError `ENV_FILE_NOT_FOUND`).
   */
  ignoreMissing?: boolean;
}

export interface EnvFiles {
  /** Every key the files define, merged, unresolved (references are still references). */
  parsed: Record<string, string>;
  /** Absolute paths of the files that were read, in order. */
  files: string[];
}

/** Reads and merges env files with dotenv's `parse`. Pure apart from reading the files: writes nothing. */
export function readEnvFiles(options: ReadEnvFilesOptions = {}): EnvFiles {
  const paths = toList(options.path);
  const ignoreMissing = options.ignoreMissing ?? options.path === undefined;
  const parsed: Record<string, string> = {};
  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    const source = read(abs, options.encoding ?? 'utf8', ignoreMissing);
    if (source === undefined) continue;
    files.push(abs);
    const vars = parse(source);
    for (const key of Object.keys(vars)) {
      const value = vars[key];
      if (typeof value !== 'string') continue;
      if (Object.prototype.hasOwnProperty.call(parsed, key) && !options.override) continue;
      define(parsed, key, value);
    }
  }
  return { parsed, files };
}

function toList(path: string | readonly string[] | undefined): string[] {
  if (path === undefined) return [DEFAULT_ENV_FILE];
  const list = typeof path === 'string' ? [path] : [...path];
  for (const p of list) {
    if (typeof p !== 'string' || p === '') throw new TypeError(`secretref: path must be a non-empty string or a list of them, got ${JSON.stringify(p)}`);
  }
  return list;
}

function read(abs: string, encoding: BufferEncoding, ignoreMissing: boolean): string | undefined {
  try {
    return readFileSync(abs, { encoding });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (ignoreMissing) return undefined;
      throw new EnvFileError('ENV_FILE_NOT_FOUND', abs, `env file not found: ${abs}`);
    }
    throw new EnvFileError('ENV_FILE_UNREADABLE', abs, `cannot read env file ${abs} (${code ?? (error as Error).message})`);
  }
}

/** Assigns without invoking the `__proto__` setter for a key named `__proto__`. */
export function define(obj: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
