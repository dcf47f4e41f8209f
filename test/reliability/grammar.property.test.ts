import fc from 'fast-check';
import { findReferences, InvalidReferenceError, parseReference, type SecretReference } from '@secretref/core';
import { describe, expect, it } from 'vitest';
import { dynamicText, filler, longSecretName, parts, valueText, type Parts } from './helpers/reference-arbitraries.js';

/** FC_SEED=<n> reproduces a run; fast-check prints the seed and path of any counterexample. */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
const params = (numRuns: number) => ({ numRuns, seed });

function partsOf(ref: SecretReference): Parts {
  const p: Parts = { secretId: ref.secretId };
  for (const k of ['region', 'accountId', 'jsonKey', 'versionStage', 'versionId'] as const) if (ref[k] !== undefined) p[k] = ref[k];
  return p;
}

/** Calls fn; returns what it returned, or the InvalidReferenceError it threw; anything else fails the property. */
function parseOrInvalid<T>(fn: () => T): T | InvalidReferenceError {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof InvalidReferenceError)) throw new Error(`threw ${String(error)} instead of InvalidReferenceError`);
    expect(error.message).toMatch(/^\[INVALID_REFERENCE\] /);
    expect(error.segment).toMatch(/^[a-z-]+$/);
    return error;
  }
}

describe('Reference grammar — properties', () => {
  it(`parses every whole-value reference built from the grammar back into its parts (seed ${seed})`, () => {
    fc.assert(
      fc.property(parts('value'), fc.integer({ min: 0, max: 3 }), (p, keepEmpty) => {
        const text = valueText(p, keepEmpty);
        const ref = parseReference(text);
        expect(ref).toMatchObject({ raw: text, form: 'value' });
        expect(partsOf(ref!)).toEqual(p);
        expect(findReferences(text)).toEqual([{ reference: ref, start: 0, end: text.length }]);
      }),
      params(400),
    );
  });

  it(`parses every embedded reference, several per value, with their offsets (seed ${seed})`, () => {
    const piece = fc.record({ p: parts('dynamic'), keepEmpty: fc.integer({ min: 0, max: 3 }), valueType: fc.constantFrom('' as const, 'SecretString' as const), after: filler });
    fc.assert(
      fc.property(filler.filter((f) => !f.startsWith('secretsmanager:')), fc.array(piece, { minLength: 1, maxLength: 3 }), (before, pieces) => {
        let text = before;
        const expected: Array<{ parts: Parts; raw: string; start: number; end: number }> = [];
        for (const { p, keepEmpty, valueType, after } of pieces) {
          const raw = dynamicText(p, keepEmpty, valueType);
          expected.push({ parts: p, raw, start: text.length, end: text.length + raw.length });
          text += raw + after;
        }
        const found = findReferences(text);
        expect(found.map((m) => ({ parts: partsOf(m.reference), raw: m.reference.raw, start: m.start, end: m.end }))).toEqual(expected);
        expect(found.every((m) => m.reference.form === 'dynamic' && text.slice(m.start, m.end) === m.reference.raw)).toBe(true);
      }),
      params(400),
    );
  });

  it('accepts names up to the 512-character limit', () => {
    fc.assert(
      fc.property(longSecretName, (name) => {
        expect(parseReference(`secretsmanager:${name}`)?.secretId).toBe(name);
      }),
      params(50),
    );
  });

  it(`never throws anything but InvalidReferenceError, on any text (seed ${seed})`, () => {
    const noise = fc.string({ unit: fc.constantFrom(...'ab:/{}-_ \u0000\n1arnsecretsmanagerSecretString'), maxLength: 80 });
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      noise.map((s) => `secretsmanager:${s}`),
      noise.map((s) => `secretsmanager:arn:${s}`),
      fc.tuple(noise, noise).map(([a, b]) => `${a}{{resolve:secretsmanager:${b}`),
      fc.tuple(noise, noise, noise).map(([a, b, c]) => `${a}{{resolve:secretsmanager:${b}}}${c}`),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const whole = parseOrInvalid(() => parseReference(text));
        const found = parseOrInvalid(() => findReferences(text));
        if (!text.startsWith('secretsmanager:')) expect(whole).toBeUndefined();
        if (Array.isArray(found)) for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.reference.raw);
      }),
      params(2000),
    );
  });

  it(`rejects a valid reference with one character broken, naming a segment, and never crashes (seed ${seed})`, () => {
    fc.assert(
      fc.property(parts('value'), fc.nat(), fc.constantFrom(' ', '\n', '\u0000', '#', '}', '{'), (p, at, bad) => {
        const text = valueText(p, 0);
        const pos = 'secretsmanager:'.length + (at % (text.length - 'secretsmanager:'.length));
        const broken = text.slice(0, pos) + bad + text.slice(pos + 1);
        parseOrInvalid(() => parseReference(broken));
        parseOrInvalid(() => findReferences(`x${broken.replace('secretsmanager:', '{{resolve:secretsmanager:')}}}`));
      }),
      params(500),
    );
  });
});
