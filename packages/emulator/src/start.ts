import type { AddressInfo } from 'node:net';
import { EmulatorConfigError, type ConfigIssue } from './config-error.js';
import { FaultInjector, type FaultConfig } from './faults.js';
import { Authorizer } from './iam-check.js';
import { resolveSeed, type EmulatorSeed, type ResolvedSeed } from './seed.js';
import { createEmulatorServer, type EmulatorLogEntry } from './server.js';
import { StatsRecorder, type EmulatorStats } from './stats.js';
import { SecretStore } from './store.js';

export interface StartEmulatorOptions {
  /** TCP port; default 0 (a free port, see `handle.port`). */
  readonly port?: number;
  /** Interface to bind; default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Secrets, callers and faults; default: no secrets, no callers (IAM off). */
  readonly seed?: EmulatorSeed;
  /** Fault and latency injection; replaces `seed.faults`. Default: none. */
  readonly faults?: FaultConfig;
  /** Called per request (operation, caller, status) and for warnings. Default: no logging. */
  readonly log?: (entry: EmulatorLogEntry) => void;
  /**
   * Entries per BatchGetSecretValue page for SecretIdList requests; default 20 (never truncated).
   * Lower it to make the emulator answer with NextToken, to exercise pagination loops.
   */
  readonly batchPageSize?: number;
}

export interface ResetOptions {
  /** Also restore the secrets to the seed (same ARNs and version ids as at start). Default false. */
  readonly reseed?: boolean;
}

export interface EmulatorHandle {
  /** e.g. `http://127.0.0.1:4566` */
  readonly endpoint: string;
  readonly port: number;
  readonly host: string;
  readonly region: string;
  readonly accountId: string;
  /** A snapshot of the counters. */
  stats(): EmulatorStats;
  /** Zeroes the counters and re-arms fault triggers; `{ reseed: true }` also restores the seeded secrets. */
  reset(options?: ResetOptions): void;
  /** Replaces the fault configuration (validated; throws EmulatorConfigError) and re-arms its triggers. */
  setFaults(faults: FaultConfig): void;
  /** The full ARN of a secret by name (with its random suffix), if it exists. */
  secretArn(name: string): string | undefined;
  /** Closes the server, including hung and kept-alive connections. Idempotent. */
  stop(): Promise<void>;
}

function loadStore(store: SecretStore, seed: ResolvedSeed): void {
  for (const secret of seed.secrets) {
    const record = store.create({
      name: secret.name,
      arnSuffix: secret.arnSuffix,
      ...(secret.description !== undefined ? { description: secret.description } : {}),
      ...(secret.kmsKeyId !== undefined ? { kmsKeyId: secret.kmsKeyId } : {}),
      tags: secret.tags,
    });
    for (const version of secret.versions) store.restoreVersion(record, version);
    if (secret.deleted) record.deletionDate = store.timestamp() + 30 * 86400;
  }
}

function checkOptions(options: StartEmulatorOptions): void {
  const issues: ConfigIssue[] = [];
  const { port, host, batchPageSize } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) issues.push({ path: 'port', message: 'must be an integer from 0 to 65535' });
  if (host !== undefined && (typeof host !== 'string' || host === '')) issues.push({ path: 'host', message: 'must be a non-empty string' });
  if (batchPageSize !== undefined && !(Number.isInteger(batchPageSize) && batchPageSize >= 1 && batchPageSize <= 20)) {
    issues.push({ path: 'batchPageSize', message: 'must be an integer from 1 to 20' });
  }
  if (options.log !== undefined && typeof options.log !== 'function') issues.push({ path: 'log', message: 'must be a function' });
  if (issues.length > 0) throw new EmulatorConfigError('emulator options', issues);
}

/** Starts a local Secrets Manager on `host:port`. Rejects with EmulatorConfigError for a bad seed or option. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorHandle> {
  checkOptions(options);
  const seed = resolveSeed(options.seed ?? {});
  const warn = (message: string) => options.log?.({ kind: 'warning', message });
  const faults = new FaultInjector(options.faults ?? seed.faults ?? {});
  let store = new SecretStore(seed.region, seed.accountId);
  loadStore(store, seed);
  const stats = new StatsRecorder();
  const runtime = {
    get store() {
      return store;
    },
    authorizer: new Authorizer(seed.callers, seed.accountId, warn),
    stats,
    batchPageSize: options.batchPageSize ?? 20,
    warn,
  };
  const { server, close } = createEmulatorServer({ runtime, faults, log: options.log });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    endpoint: `http://${shownHost}:${port}`,
    port,
    host,
    region: seed.region,
    accountId: seed.accountId,
    stats: () => stats.snapshot(),
    reset: (resetOptions = {}) => {
      stats.reset();
      faults.resetCounters();
      if (resetOptions.reseed === true) {
        store = new SecretStore(seed.region, seed.accountId);
        loadStore(store, seed);
      }
    },
    setFaults: (config) => faults.set(config),
    secretArn: (name) => store.find(name)?.arn,
    stop: close,
  };
}
