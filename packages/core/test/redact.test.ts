import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolvedValues, withoutSecretValues, type ResolutionReport } from '../src/index.js';

const report = {
  resolved: [
    { key: 'A', secretId: 'a', via: 'BatchGetSecretValue' },
    { key: 'URL', secretId: 'b', via: 'BatchGetSecretValue' },
    { key: 'URL', secretId: 'c', via: 'BatchGetSecretValue' },
  ],
} as unknown as ResolutionReport;

describe('Function: withoutSecretValues', () => {
  it('replaces every resolved value in the message and keeps nothing else of the error', () => {
    const env = { A: 'canary-a-value', URL: 'postgres://u:canary-a-value@h', OTHER: 'x' };
    const values = resolvedValues(report, env);
    expect(values).toEqual(['postgres://u:canary-a-value@h', 'canary-a-value']);
    class ValidationError extends Error {}
    const original = Object.assign(new ValidationError(`bad: ${env.URL} and ${env.A}`), { name: 'ValidationError', details: [{ value: env.A }] });
    const clean = withoutSecretValues(original, values);
    expect(clean.message).toBe('bad: [secret] and [secret]');
    expect(clean.name).toBe('ValidationError');
    expect(clean).not.toBe(original);
    expect(inspect(clean, { depth: Infinity, showHidden: true })).not.toContain('canary');
    expect(JSON.stringify(clean)).not.toContain('canary');
    expect(String(clean.stack)).not.toContain('canary');
    expect(withoutSecretValues('thrown string canary-a-value', values).message).toBe('thrown string [secret]');
  });
});
