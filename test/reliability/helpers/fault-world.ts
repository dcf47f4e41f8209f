import type { EmulatorSeed, FaultConfig, FaultSpec, FaultTrigger } from '@secretref/emulator';

/** Every seeded value holds this; no output may. */
export const CANARY = 'CANARY-reliability-7f3a';

export const SEED: EmulatorSeed = {
  region: 'us-east-1',
  secrets: [
    ...Array.from({ length: 8 }, (_, i) => ({ name: `rel/s${i}`, value: `${CANARY}-s${i}` })),
    ...Array.from({ length: 3 }, (_, i) => ({ name: `rel/j${i}`, value: { a: `${CANARY}-j${i}-a`, b: `${CANARY}-j${i}-b` } })),
    ...Array.from({ length: 3 }, (_, i) => ({ name: `rel/p${i}`, value: `${CANARY}-p${i}-current`, previousValue: `${CANARY}-p${i}-previous` })),
  ],
};

export type Op = 'BatchGetSecretValue' | 'GetSecretValue';

/** One env entry: the reference text, the value it must resolve to, and the operation that reads it. */
export interface Ref {
  key: string;
  text: string;
  expected: string;
  op: Op;
}

export const CATALOGUE: Ref[] = [
  ...Array.from({ length: 8 }, (_, i): Ref => ({ key: `S${i}`, text: `secretsmanager:rel/s${i}`, expected: `${CANARY}-s${i}`, op: 'BatchGetSecretValue' })),
  ...Array.from({ length: 3 }, (_, i): Ref => ({ key: `J${i}`, text: `secretsmanager:rel/j${i}:a`, expected: `${CANARY}-j${i}-a`, op: 'BatchGetSecretValue' })),
  ...Array.from({ length: 3 }, (_, i): Ref => ({
    key: `URL${i}`,
    text: `https://u:{{resolve:secretsmanager:rel/j${i}:SecretString:b}}@h/{{resolve:secretsmanager:rel/s${i}}}`,
    expected: `https://u:${CANARY}-j${i}-b@h/${CANARY}-s${i}`,
    op: 'BatchGetSecretValue',
  })),
  ...Array.from({ length: 3 }, (_, i): Ref => ({ key: `P${i}`, text: `secretsmanager:rel/p${i}::AWSPREVIOUS`, expected: `${CANARY}-p${i}-previous`, op: 'GetSecretValue' })),
];

export const envOf = (refs: Ref[]): Record<string, string> => Object.fromEntries(refs.map((r) => [r.key, r.text]));

const KINDS = ['throttle', 'internalError', 'reset', 'hang'] as const;
type Kind = (typeof KINDS)[number];

function trigger(faults: FaultConfig, op: Op, kind: Kind): FaultTrigger | undefined {
  return faults[op]?.[kind] ?? faults['*']?.[kind];
}

/** Whether a trigger can fire at all. */
export function fires(t: FaultTrigger | undefined): boolean {
  return t !== undefined && ((t.first ?? 0) > 0 || (t.fraction ?? 0) > 0);
}

export function latencyOf(faults: FaultConfig, op: Op): number {
  return faults[op]?.latencyMs ?? faults['*']?.latencyMs ?? 0;
}

/** The issue codes each fault may cause when it outlasts the retries. */
const CODE: Record<Kind, string> = { throttle: 'THROTTLED', internalError: 'AWS_ERROR', reset: 'NETWORK_ERROR', hang: 'TIMEOUT' };

/**
 * The issue codes a key read through `op` may fail with under `faults`: the code of each fault
 * that can fire on that operation, plus TIMEOUT when something can hold the run past the deadline
 * (a hang or latency past it on any operation in use, since a hung call also holds a concurrency
 * slot; SDK back-off between retries; or a latency budget near the deadline).
 */
export function allowedCodes(faults: FaultConfig, op: Op, ctx: { opsInUse: Op[]; maxAttempts: number; concurrency: number; calls: number; timeoutMs: number }): Set<string> {
  const codes = new Set<string>();
  for (const kind of KINDS) if (fires(trigger(faults, op, kind))) codes.add(CODE[kind]);
  const anyStall = ctx.opsInUse.some((o) => fires(trigger(faults, o, 'hang')) || latencyOf(faults, o) >= ctx.timeoutMs);
  const retryable = ctx.opsInUse.some((o) => (['throttle', 'internalError', 'reset'] as const).some((k) => fires(trigger(faults, o, k))));
  const attempts = retryable ? ctx.maxAttempts : 1;
  const budget = Math.ceil(ctx.calls / ctx.concurrency) * attempts * Math.max(...ctx.opsInUse.map((o) => latencyOf(faults, o)));
  if (anyStall || (retryable && ctx.maxAttempts > 1) || budget > ctx.timeoutMs / 2) codes.add('TIMEOUT');
  return codes;
}

/** Drops undefined fields, so the emulator's validation sees only what is set. */
export function compactFaults(raw: Partial<Record<'*' | Op, Partial<Record<keyof FaultSpec, unknown>> | undefined>>): FaultConfig {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [op, spec] of Object.entries(raw)) {
    if (!spec) continue;
    const s = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
    if (Object.keys(s).length) out[op] = s;
  }
  return out as FaultConfig;
}
