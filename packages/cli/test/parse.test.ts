import { describe, expect, it } from 'vitest';
import { splitAtCommand } from '../src/parse.js';
import { RESOLVE_FLAGS } from '../src/resolve-options.js';

describe('Function: splitAtCommand', () => {
  it.each([
    [['--', 'node', 'app.js'], [], ['node', 'app.js']],
    [['-f', '.env', '--override', '--', 'node', '--inspect', 'app.js'], ['-f', '.env', '--override'], ['node', '--inspect', 'app.js']],
    [['--env-file', 'a', 'node', 'app.js', '--port', '3'], ['--env-file', 'a'], ['node', 'app.js', '--port', '3']],
    [['--env-file=a', 'node', '--', 'x'], ['--env-file=a'], ['node', '--', 'x']],
    [['--region', 'eu-west-1', 'env'], ['--region', 'eu-west-1'], ['env']],
    [['--override'], ['--override'], []],
    [[], [], []],
  ])('splits %j', (args, own, command) => {
    expect(splitAtCommand(args, RESOLVE_FLAGS)).toEqual({ own, command });
  });
});
