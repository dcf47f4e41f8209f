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

/** Best of 9 timings of `reps` parses; reps grows until a timing lasts ≥ 20 ms. */
function timePerParse(text: string): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) parse(text);
    if (performance.now() - t0 >= 20 || reps >= 1 << 20) break;
    reps *= 2;
  }
  let best = Infinity;
  for (let trial = 0; trial < 9; trial++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) parse(text);
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return best;
}

describe('Reference grammar — linear on adversarial 100 kB inputs', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`${shape}: 10× the input costs well under 100× the time`, () => {
      const small = make(10_000);
      const large = make(100_000);
      // Same shape, same outcome: both parse, or both fail on the same segment.
      expect(parse(large).replace(/\d+/, 'N')).toBe(parse(small).replace(/\d+/, 'N'));
      const ratio = timePerParse(large) / timePerParse(small);
      expect(ratio, `${shape}: 100 kB / 10 kB parse time = ${ratio.toFixed(1)}`).toBeLessThan(30);
    });
  }
});
