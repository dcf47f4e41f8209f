import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EnvFileError, isEnvFileError, readEnvFiles } from '../src/index.js';
import { tempFiles } from './helpers/files.js';

let dirs: Array<{ cleanup(): void }> = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
  vi.restoreAllMocks();
});
const files = (f: Record<string, string>) => {
  const t = tempFiles(f);
  dirs.push(t);
  return t;
};

describe('Function: readEnvFiles', () => {
  it('parses with dotenv: quotes, comments, export prefix, multiline', () => {
    const t = files({ '.env': 'A=1\n# comment\nB="two words"\nexport C=3\nD="line1\nline2"\nE=secretsmanager:prod/db:password\n' });
    const { parsed, files: read } = readEnvFiles({ path: t.path('.env') });
    expect(parsed).toEqual({ A: '1', B: 'two words', C: '3', D: 'line1\nline2', E: 'secretsmanager:prod/db:password' });
    expect(read).toEqual([t.path('.env')]);
  });

  it('reads .env from the current directory by default and skips it when absent', () => {
    const t = files({ '.env': 'A=from-default\n' });
    vi.spyOn(process, 'cwd').mockReturnValue(t.dir);
    expect(readEnvFiles().parsed).toEqual({ A: 'from-default' });
    const empty = files({});
    vi.spyOn(process, 'cwd').mockReturnValue(empty.dir);
    expect(readEnvFiles()).toEqual({ parsed: {}, files: [] });
  });

  it('throws ENV_FILE_NOT_FOUND for a path given explicitly that does not exist', () => {
    const t = files({});
    const error = (() => {
      try {
        readEnvFiles({ path: t.path('.env.production') });
      } catch (e) {
        return e;
      }
    })();
    expect(isEnvFileError(error)).toBe(true);
    expect(error).toBeInstanceOf(EnvFileError);
    expect((error as EnvFileError).code).toBe('ENV_FILE_NOT_FOUND');
    expect((error as EnvFileError).message).toBe(`[ENV_FILE_NOT_FOUND] secretref: env file not found: ${t.path('.env.production')}`);
  });

  it('skips a missing explicit path with ignoreMissing', () => {
    const t = files({ a: 'A=1\n' });
    expect(readEnvFiles({ path: [t.path('missing'), t.path('a')], ignoreMissing: true })).toEqual({ parsed: { A: '1' }, files: [t.path('a')] });
  });

  it('throws ENV_FILE_UNREADABLE for a path that is a directory, even with ignoreMissing', () => {
    const t = files({});
    mkdirSync(t.path('dir.env'));
    expect(() => readEnvFiles({ path: t.path('dir.env'), ignoreMissing: true })).toThrow(/^\[ENV_FILE_UNREADABLE\] .*EISDIR/);
  });

  it('lets the first file win for a key both define (dotenv), the last one with override', () => {
    const t = files({ a: 'K=from-a\nONLY_A=a\n', b: 'K=from-b\nONLY_B=b\n' });
    expect(readEnvFiles({ path: [t.path('a'), t.path('b')] }).parsed).toEqual({ K: 'from-a', ONLY_A: 'a', ONLY_B: 'b' });
    expect(readEnvFiles({ path: [t.path('a'), t.path('b')], override: true }).parsed).toEqual({ K: 'from-b', ONLY_A: 'a', ONLY_B: 'b' });
  });

  it('decodes with the given encoding', () => {
    const t = files({});
    writeFileSync(t.path('latin1.env'), Buffer.from('NAME=caf\xe9\n', 'latin1'));
    expect(readEnvFiles({ path: t.path('latin1.env'), encoding: 'latin1' }).parsed).toEqual({ NAME: 'café' });
  });

  it('never changes the prototype of the result for a key named __proto__', () => {
    const t = files({ '.env': '__proto__=x\nA=1\n' });
    const { parsed } = readEnvFiles({ path: t.path('.env') });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(parsed.A).toBe('1');
  });

  it('rejects an empty path', () => {
    expect(() => readEnvFiles({ path: '' })).toThrow(TypeError);
  });
});
