import { EmulatorConfigError, checkKeys, isPlainObject, typeName, type ConfigIssue } from './config-error.js';
import { OPERATION_NAMES, type OperationName } from './operations/names.js';

/**
 * When a fault fires. `first`: the first N requests this trigger sees (counted since start,
 * `setFaults` or `reset`). `fraction` (0–1): after those, a deterministic share of requests —
 * exactly ⌊m·fraction⌋ of the next m requests, evenly spread (0.5 = every second request).
 */
export interface FaultTrigger {
  readonly first?: number;
  readonly fraction?: number;
}

/** Faults for one operation (or all, under `'*'`). */
export interface FaultSpec {
  /** Fixed delay before every answer (including faulted ones), in milliseconds. */
  readonly latencyMs?: number;
  /** Answer `ThrottlingException` (HTTP 400; the SDK retries it). */
  readonly throttle?: FaultTrigger;
  /** Answer `InternalServiceError` (HTTP 500; the SDK retries it). */
  readonly internalError?: FaultTrigger;
  /** Destroy the connection without answering. */
  readonly reset?: FaultTrigger;
  /** Never answer (the socket stays open until the client gives up or the emulator stops). */
  readonly hang?: FaultTrigger;
}

/** Per-operation fault specs; `'*'` applies to every request, an operation's own entry wins field by field. */
export type FaultConfig = { readonly [K in OperationName | '*']?: FaultSpec };

export type FaultKind = 'reset' | 'hang' | 'internalError' | 'throttle';

/** Highest priority first: when several fire for one request, the first listed wins. */
const FAULT_KINDS: readonly FaultKind[] = ['reset', 'hang', 'internalError', 'throttle'];
const SPEC_KEYS = ['latencyMs', ...FAULT_KINDS];
const MAX_LATENCY_MS = 600_000;

function validateTrigger(value: unknown, path: string, issues: ConfigIssue[]): void {
  if (!isPlainObject(value)) {
    issues.push({ path, message: `must be an object like { "first": 2 } or { "fraction": 0.5 }, got ${typeName(value)}` });
    return;
  }
  checkKeys(value, ['first', 'fraction'], path, issues);
  const { first, fraction } = value;
  if (first !== undefined && !(Number.isInteger(first) && (first as number) >= 0)) {
    issues.push({ path: `${path}.first`, message: 'must be a non-negative integer' });
  }
  if (fraction !== undefined && !(typeof fraction === 'number' && fraction >= 0 && fraction <= 1)) {
    issues.push({ path: `${path}.fraction`, message: 'must be a number from 0 to 1' });
  }
}

/** Collects every problem in a fault configuration (used for seeds and `setFaults`). */
export function validateFaults(value: unknown, path: string, issues: ConfigIssue[]): void {
  if (!isPlainObject(value)) {
    issues.push({ path, message: `must be an object keyed by operation name or "*", got ${typeName(value)}` });
    return;
  }
  const at = (key: string) => (path === '' ? key : `${path}.${key}`);
  for (const [key, spec] of Object.entries(value)) {
    if (key !== '*' && !(OPERATION_NAMES as readonly string[]).includes(key)) {
      issues.push({ path: at(key), message: `unknown operation (use "*" or one of: ${OPERATION_NAMES.join(', ')})` });
      continue;
    }
    if (!isPlainObject(spec)) {
      issues.push({ path: at(key), message: `must be an object, got ${typeName(spec)}` });
      continue;
    }
    checkKeys(spec, SPEC_KEYS, at(key), issues);
    const latency = spec['latencyMs'];
    if (latency !== undefined && !(Number.isInteger(latency) && (latency as number) >= 0 && (latency as number) <= MAX_LATENCY_MS)) {
      issues.push({ path: `${at(key)}.latencyMs`, message: `must be an integer from 0 to ${MAX_LATENCY_MS}` });
    }
    for (const kind of FAULT_KINDS) {
      if (spec[kind] !== undefined) validateTrigger(spec[kind], `${at(key)}.${kind}`, issues);
    }
  }
}

export interface FaultDecision {
  readonly latencyMs: number;
  readonly fault: FaultKind | undefined;
}

/** Decides, per request, the latency and the fault (if any) from a `FaultConfig`. */
export class FaultInjector {
  private config: FaultConfig = {};
  private readonly seen = new Map<string, number>();

  constructor(config: FaultConfig = {}) {
    this.set(config);
  }

  /** Replaces the configuration (validated) and re-arms every trigger. */
  set(config: FaultConfig): void {
    const issues: ConfigIssue[] = [];
    validateFaults(config, 'faults', issues);
    if (issues.length > 0) throw new EmulatorConfigError('fault configuration', issues);
    this.config = config;
    this.seen.clear();
  }

  /** Re-arms `first` triggers and restarts `fraction` sequences. */
  resetCounters(): void {
    this.seen.clear();
  }

  decide(operation: OperationName | undefined): FaultDecision {
    const own = operation === undefined ? undefined : this.config[operation];
    const all = this.config['*'];
    const latencyMs = own?.latencyMs ?? all?.latencyMs ?? 0;
    let fault: FaultKind | undefined;
    for (const kind of FAULT_KINDS) {
      const scope = own?.[kind] !== undefined ? operation : all?.[kind] !== undefined ? '*' : undefined;
      const trigger = own?.[kind] ?? all?.[kind];
      if (scope === undefined || trigger === undefined) continue;
      const key = `${scope}\u0000${kind}`;
      const n = (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, n);
      if (fault === undefined && fires(trigger, n)) fault = kind;
    }
    return { latencyMs, fault };
  }
}

function fires(trigger: FaultTrigger, n: number): boolean {
  const first = trigger.first ?? 0;
  if (n <= first) return true;
  const fraction = trigger.fraction ?? 0;
  if (fraction <= 0) return false;
  const m = n - first;
  return Math.floor(m * fraction + 1e-9) > Math.floor((m - 1) * fraction + 1e-9);
}
