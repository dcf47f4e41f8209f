// Runs the benchmark sections and returns one results object (run.mjs writes it out).
import { measureColdStart, importOverhead } from './cold-start.mjs';
import { CONTESTANTS } from './contestants.mjs';
import { measureCpuScale } from './cpu-scale.mjs';
import { startBenchEmulator } from './emulator-host.mjs';
import { benchClientConfig, measureRoundTrip, measureScenarios } from './network.mjs';
import { evaluateTargets } from './targets.mjs';
import { machine, packageVersions } from './versions.mjs';
import { benchSeed, scenarios } from './workload.mjs';

export const FULL = { ns: [1, 10, 50, 200, 1000], runs: 7, coldRuns: 15, cpuSizes: [1000, 10_000, 100_000], cpuRuns: 5 };
export const QUICK = { ns: [1, 50], runs: 3, coldRuns: 3, cpuSizes: [1000, 10_000], cpuRuns: 3 };

/**
 * options: { quick, latencyMs (default 20), maxSockets (default: the SDK's 50), runs,
 * sections (default all: 'network', 'cold', 'cpu'), separateProcess (default true), progress }
 */
export async function runBench(options = {}) {
  const preset = options.quick ? QUICK : FULL;
  const runs = options.runs ?? preset.runs;
  const latencyMs = options.latencyMs ?? 20;
  const sections = options.sections ?? ['network', 'cold', 'cpu'];
  const progress = options.progress ?? (() => {});
  const results = {
    machine: machine(),
    versions: packageVersions(),
    settings: { quick: Boolean(options.quick), latencyMs, runs, maxSockets: options.maxSockets ?? 'SDK default (50 per client)', concurrency: 5 },
  };

  if (sections.includes('network')) {
    const emu = await startBenchEmulator({ seed: benchSeed(), faults: { '*': { latencyMs } }, separateProcess: options.separateProcess ?? true });
    try {
      const clientConfig = benchClientConfig(emu.endpoint, { maxSockets: options.maxSockets });
      progress('network: one round trip');
      results.roundTrip = await measureRoundTrip({ emu, runs: Math.max(runs, 9), clientConfig });
      results.network = await measureScenarios({
        emu,
        scenarios: scenarios(options.ns ?? preset.ns),
        contestants: CONTESTANTS,
        runs,
        clientConfig,
        progress: (row) => progress(`network: ${row.title}`),
      });
    } finally {
      await emu.stop();
    }
    results.contestants = CONTESTANTS.map((c) => ({ id: c.id, label: c.label }));
  }
  if (sections.includes('cold')) {
    progress('cold start');
    results.cold = measureColdStart({ runs: options.coldRuns ?? preset.coldRuns });
    results.importOverhead = importOverhead(results.cold);
  }
  if (sections.includes('cpu')) {
    progress('cpu scale');
    results.cpu = await measureCpuScale({ sizes: options.cpuSizes ?? preset.cpuSizes, runs: options.cpuRuns ?? preset.cpuRuns });
  }
  results.targets = evaluateTargets(results);
  return results;
}
