import type { FaultKind } from './faults.js';
import type { ReadCounters } from './operations/context.js';

/** Counters since start or the last `reset()`. */
export interface EmulatorStats {
  /** Every request received, including faulted, rejected and malformed ones. */
  readonly total: number;
  /** Requests by operation (the `X-Amz-Target` operation); unknown or missing targets count under "(unknown)". */
  readonly byOperation: Readonly<Record<string, number>>;
  /** GetSecretValue-equivalents: direct GetSecretValue reads plus one per BatchGetSecretValue entry attempted. */
  readonly secretReads: number;
  /** Secret values returned (by GetSecretValue or inside BatchGetSecretValue). */
  readonly valuesReturned: number;
  /** Injected faults by kind. */
  readonly faults: Readonly<Record<FaultKind, number>>;
}

export const UNKNOWN_OPERATION = '(unknown)';

/** Mutable counters behind `stats()`. */
export class StatsRecorder implements ReadCounters {
  private total = 0;
  private byOperation = new Map<string, number>();
  private secretReads = 0;
  private valuesReturned = 0;
  private faults: Record<FaultKind, number> = { reset: 0, hang: 0, internalError: 0, throttle: 0 };

  request(operation: string): void {
    this.total += 1;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }

  fault(kind: FaultKind): void {
    this.faults[kind] += 1;
  }

  secretRead(): void {
    this.secretReads += 1;
  }

  valueReturned(): void {
    this.valuesReturned += 1;
  }

  snapshot(): EmulatorStats {
    return {
      total: this.total,
      byOperation: Object.fromEntries(this.byOperation),
      secretReads: this.secretReads,
      valuesReturned: this.valuesReturned,
      faults: { ...this.faults },
    };
  }

  reset(): void {
    this.total = 0;
    this.byOperation = new Map();
    this.secretReads = 0;
    this.valuesReturned = 0;
    this.faults = { reset: 0, hang: 0, internalError: 0, throttle: 0 };
  }
}
