import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { captureIO } from './helpers/io.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('Function: main', () => {
  it.each([['--help'], ['-h']])('prints the usage on stdout for %s and exits 0', async (flag) => {
    const io = captureIO();
    expect(await main([flag], io)).toEqual({ code: 0 });
    expect(io.out()).toMatch(/^usage: secretref <command>/);
    expect(io.out()).toMatch(/\n {2}run {5}run a command/);
    expect(io.out()).toMatch(/\n {2}check {3}resolve every reference/);
    expect(io.err()).toBe('');
  });

  it.each([['--version'], ['-v']])('prints the version of package.json for %s', async (flag) => {
    const io = captureIO();
    expect(await main([flag], io)).toEqual({ code: 0 });
    expect(io.out()).toBe(`${pkg.version}\n`);
  });

  it.each([
    [[], /^secretref: missing command\n\nusage: secretref/],
    [['deploy'], /^secretref: unknown command "deploy"\n\nusage: secretref/],
    [['--bogus'], /^secretref: unknown option --bogus\n\nusage: secretref/],
    [['run', '--bogus', '--', 'true'], /^secretref run: Unknown option '--bogus'.*\n\nusage: secretref run/],
    [['run'], /^secretref run: missing the command to run/],
    [['run', '--override'], /^secretref run: missing the command to run/],
    [['run', '--timeout-ms', 'soon', '--', 'true'], /^secretref run: --timeout-ms must be a positive integer, got "soon"/],
    [['check', '--timeout-ms', '2147483648'], /^secretref check: --timeout-ms must be at most 2147483647, got "2147483648"/],
    [['run', '--env-file'], /^secretref run: Option '-f, --env-file <value>' argument missing/],
    [['check', 'extra'], /^secretref check: Unexpected argument 'extra'/],
    [['check', '--json=yes'], /^secretref check: Option '--json' does not take an argument/],
  ])('exits 2 with the usage on stderr for %j', async (argv, message) => {
    const io = captureIO();
    expect(await main(argv, io)).toEqual({ code: 2 });
    expect(io.err()).toMatch(message);
    expect(io.out()).toBe('');
  });

  it.each([['run'], ['check']])('prints the help of %s on stdout', async (command) => {
    const io = captureIO();
    expect(await main([command, '--help'], io)).toEqual({ code: 0 });
    expect(io.out()).toMatch(new RegExp(`^usage: secretref ${command} \\[options\\]`));
    expect(io.out()).toMatch(/-f, --env-file PATH/);
  });

  it('exits 2 with only the file error for an env file that does not exist', async () => {
    const io = captureIO();
    expect(await main(['check', '-f', '/nonexistent/secretref.env'], io)).toEqual({ code: 2 });
    expect(io.err()).toBe('[ENV_FILE_NOT_FOUND] secretref: env file not found: /nonexistent/secretref.env\n');
  });
});
