import { performance } from 'node:perf_hooks';
import { findReferences, InvalidReferenceError } from '@secretref/core';
import { describe, expect, it } from 'vitest';

/**
 * A complexity check, not a speed bound: parse time of a 100 kB input over a 10 kB input of the
 * same shape. Linear is ~10, quadratic ~100; the bound is 30.
 */
const SHAPES: Record<string, (bytes: number) => string> = {
  'unclosed dynamic prefixes': (n) => fill('{{resolve:secretsmanager:', n),
  'dynamic prefixes closed once at the end': (n) => `${fill('{{resolve:secretsmanager:', n)}}}`,
  'many small embedded references': (n) => fill('x{{resolve:secretsmanager:a:SecretString:k}}', n),
  'a single brace after each prefix': (n) => fill('{{resolve:secretsmanager:a}', n),
  'a long whole-value name': (n) => `secretsmanager:${'a'.repeat(n)}`,
  'a long json key': (n) => `secretsmanager:a:${'k'.repeat(n)}`,
  'many colons': (n) => `secretsmanager:${':'.repeat(n)}`,
  'many colons after an ARN prefix': (n) => `secretsmanager:arn:${fill('aws:', n)}`,
  'a long version stage full of spaces at the end': (n) => `secretsmanager:a:k:${'S'.repeat(n)} `,
  'a long embedded json key, never closed': (n) => `{{resolve:secretsmanager:a:SecretString:${'k'.repeat(n)}`,
  'nested opens inside one reference': (n) => `{{resolve:secretsmanager:a:${fill('{{', n)}}}`,
};

function fill(unit: string, bytes: number): string {
  return unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
}

/** Parses once; returns what happened so the shape is known to be processed. */
function parse(text: string): string {
  try {
    return `found ${findReferences(text).length}`;
  } catch (error) {
    if (error instanceof InvalidReferenceError) return `invalid ${error.segment}`;
    throw error;
  }
}

/** How many parses of `text` last ≥ 20 ms. */
function calibrate(text: string): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) parse(text);
    if (performance.now() - t0 >= 20 || reps >= 1 << 20) return reps;
    reps *= 2;
  }
}

/**
 * Per-parse time of `large` over `small`, best of 11 trials each. Trials alternate between the two
 * inputs so that load from other processes falls on both alike.
 */
function timeRatio(small: string, large: string): number {
  const reps = [calibrate(small), calibrate(large)];
  const best = [Infinity, Infinity];
  for (let trial = 0; trial < 11; trial++) {
    [small, large].forEach((text, k) => {
      const t0 = performance.now();
      for (let i = 0; i < reps[k]!; i++) parse(text);
      best[k] = Math.min(best[k]!, (performance.now() - t0) / reps[k]!);
    });
  }
  return best[1]! / best[0]!;
}

describe('Reference grammar — linear on adversarial 100 kB inputs', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`${shape}: 10× the input costs well under 100× the time`, () => {
      const small = make(10_000);
      const large = make(100_000);
      // Same shape, same outcome: both parse, or both fail on the same segment.
      expect(parse(large).replace(/\d+/, 'N')).toBe(parse(small).replace(/\d+/, 'N'));
      const ratio = timeRatio(small, large);
      expect(ratio, `${shape}: 100 kB / 10 kB parse time = ${ratio.toFixed(1)}`).toBeLessThan(30);
    });
  }
});
