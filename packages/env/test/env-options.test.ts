import { describe, expect, it } from 'vitest';
import { envOptionsFrom } from '../src/index.js';

describe('Function: envOptionsFrom', () => {
  it('defaults to .env (missing files skipped) and no other option', () => {
    expect(envOptionsFrom({})).toEqual({ load: { ignoreMissing: true }, verbose: false });
  });

  it('reads every SECRETREF_* option', () => {
    const options = envOptionsFrom({
      SECRETREF_ENV_FILE: ' .env.local , .env ,',
      SECRETREF_OVERRIDE: 'true',
      SECRETREF_OPTIONAL: 'A, B',
      SECRETREF_REGION: 'eu-west-1',
      SECRETREF_TIMEOUT_MS: '2500',
      SECRETREF_CONCURRENCY: '3',
      SECRETREF_FALLBACK: 'error',
      SECRETREF_VERBOSE: '1',
    });
    expect(options).toEqual({
      load: { ignoreMissing: true, path: ['.env.local', '.env'], override: true, optional: ['A', 'B'], region: 'eu-west-1', timeoutMs: 2500, concurrency: 3, fallback: 'error' },
      verbose: true,
    });
  });

  it.each([
    ['SECRETREF_TIMEOUT_MS', 'soon', /SECRETREF_TIMEOUT_MS must be a positive integer, got "soon"/],
    ['SECRETREF_TIMEOUT_MS', '0', /positive integer/],
    ['SECRETREF_CONCURRENCY', '-1', /SECRETREF_CONCURRENCY must be a positive integer/],
    // Above 2^31 - 1 ms Node fires the timer after 1 ms: every reference would be a TIMEOUT.
    ['SECRETREF_TIMEOUT_MS', '2147483648', /SECRETREF_TIMEOUT_MS must be at most 2147483647, got "2147483648"/],
    ['SECRETREF_OVERRIDE', 'maybe', /SECRETREF_OVERRIDE must be true or false, got "maybe"/],
    ['SECRETREF_FALLBACK', 'retry', /SECRETREF_FALLBACK must be get-secret-value or error/],
  ])('rejects a malformed %s=%s naming the variable', (name, value, message) => {
    expect(() => envOptionsFrom({ [name]: value })).toThrow(message);
  });

  it('accepts the largest timeout Node can wait for', () => {
    expect(envOptionsFrom({ SECRETREF_TIMEOUT_MS: '2147483647' }).load.timeoutMs).toBe(2147483647);
  });

  it('reads false and empty values as "not set"', () => {
    expect(envOptionsFrom({ SECRETREF_OVERRIDE: 'false', SECRETREF_ENV_FILE: '', SECRETREF_TIMEOUT_MS: ' ' }).load).toEqual({ ignoreMissing: true, override: false });
  });
});
