export interface Calls { BatchGetSecretValue: number; GetSecretValue: number; total: number }
export interface Summary { median: number; min: number; max: number; runs: number }
export interface ContestantResult { wallMs: Summary; calls: Calls; callsStable: boolean }
export interface NetworkRow { scenario: string; title: string; references: number; contestants: Record<string, ContestantResult | null> }
export interface Target { id: string; target: string; measured: string; met: boolean }
export interface BenchResults {
  network?: NetworkRow[];
  roundTrip?: Summary;
  targets: Target[];
  [section: string]: unknown;
}
export interface BenchOptions {
  quick?: boolean;
  latencyMs?: number;
  maxSockets?: number;
  runs?: number;
  ns?: number[];
  sections?: Array<'network' | 'cold' | 'cpu'>;
  separateProcess?: boolean;
  progress?: (what: string) => void;
}
export const FULL: { ns: number[]; runs: number; coldRuns: number; cpuSizes: number[]; cpuRuns: number };
export const QUICK: typeof FULL;
export function runBench(options?: BenchOptions): Promise<BenchResults>;
