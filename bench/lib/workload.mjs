// The secrets the benchmark seeds, and the scenarios it reads them in.
// A "want" is one reference: { key, secretId, jsonKey?, versionStage? }.

const pad = (i, n) => String(i).padStart(n, '0');
export const plainName = (i) => `bench/s${pad(i, 4)}`;
export const jsonName = (i) => `bench/j${pad(i, 2)}`;
export const pinnedName = (i) => `bench/p${i}`;
export const JSON_KEYS = ['user', 'password', 'host'];
export const MAX_N = 1000;

/** Every secret any scenario reads. Values are deterministic so each result can be checked. */
export function benchSeed() {
  return {
    region: 'us-east-1',
    secrets: [
      ...Array.from({ length: MAX_N }, (_, i) => ({ name: plainName(i), value: `value-of-${plainName(i)}` })),
      ...Array.from({ length: 50 }, (_, i) => ({ name: jsonName(i), value: Object.fromEntries(JSON_KEYS.map((k) => [k, `${k}-of-${jsonName(i)}`])) })),
      ...Array.from({ length: 5 }, (_, i) => ({ name: pinnedName(i), value: `current-of-${pinnedName(i)}`, previousValue: `previous-of-${pinnedName(i)}` })),
    ],
  };
}

/** The value a want must resolve to. */
export function expectedValue(want) {
  if (want.jsonKey) return `${want.jsonKey}-of-${want.secretId}`;
  if (want.versionStage === 'AWSPREVIOUS') return `previous-of-${want.secretId}`;
  return `value-of-${want.secretId}`;
}

/**
 * The scenarios: N distinct secrets; 50 secrets read through 3 JSON keys each; 45 current + 5
 * pinned references (the call formula's second term).
 */
export function scenarios(ns) {
  const out = ns.map((n) => ({
    id: `distinct-${n}`,
    title: `${n} distinct secret${n === 1 ? '' : 's'}`,
    wants: Array.from({ length: n }, (_, i) => ({ key: `S${i}`, secretId: plainName(i) })),
  }));
  out.push({
    id: 'json-50x3',
    title: '50 secrets × 3 JSON keys (150 references)',
    wants: Array.from({ length: 50 }, (_, i) => JSON_KEYS.map((k) => ({ key: `J${i}_${k}`, secretId: jsonName(i), jsonKey: k }))).flat(),
  });
  out.push({
    id: 'pinned-45+5',
    title: '45 current + 5 pinned (AWSPREVIOUS)',
    wants: [
      ...Array.from({ length: 45 }, (_, i) => ({ key: `S${i}`, secretId: plainName(i) })),
      ...Array.from({ length: 5 }, (_, i) => ({ key: `P${i}`, secretId: pinnedName(i), versionStage: 'AWSPREVIOUS' })),
    ],
  });
  return out;
}

/** A want as secretref reference text (whole-value form). */
export function referenceText(want) {
  let text = `secretsmanager:${want.secretId}`;
  if (want.versionStage) text += `:${want.jsonKey ?? ''}:${want.versionStage}`;
  else if (want.jsonKey) text += `:${want.jsonKey}`;
  return text;
}

/** Distinct (secret id, stage) pairs of a scenario: what a hand-written loop fetches. */
export function distinctSecrets(wants) {
  const seen = new Map();
  for (const w of wants) {
    const id = `${w.secretId}|${w.versionStage ?? ''}`;
    if (!seen.has(id)) seen.set(id, { secretId: w.secretId, versionStage: w.versionStage });
  }
  return [...seen.values()];
}

/** secretref's target: ceil(distinct current / 20) BatchGetSecretValue per region + one GetSecretValue per pinned secret. */
export function expectedSecretrefCalls(wants) {
  const d = distinctSecrets(wants);
  const pinned = d.filter((s) => s.versionStage).length;
  return { BatchGetSecretValue: Math.ceil((d.length - pinned) / 20), GetSecretValue: pinned };
}
