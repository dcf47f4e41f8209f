import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * An emulator with an async handle: `{ endpoint, region, stats(), reset(), setFaults(), stop() }`.
 * `separateProcess: true` (the benchmark) runs it in a child process over IPC; otherwise in this
 * process (the call-count test, which measures no time).
 */
export async function startBenchEmulator({ seed, faults, separateProcess }) {
  if (!separateProcess) {
    const { startEmulator } = await import('@secretref/emulator');
    const emu = await startEmulator({ seed, faults });
    return {
      endpoint: emu.endpoint,
      region: emu.region,
      stats: async () => emu.stats(),
      reset: async (arg) => emu.reset(arg),
      setFaults: async (arg) => emu.setFaults(arg),
      stop: () => emu.stop(),
    };
  }
  const child = fork(fileURLToPath(new URL('./emulator-child.mjs', import.meta.url)), [JSON.stringify({ seed, faults })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  const pending = new Map();
  let nextId = 0;
  const ready = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)));
    child.on('message', (msg) => {
      if (msg.ready) return resolve(msg);
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.ok) p?.resolve(msg.result);
      else p?.reject(new Error(msg.message));
    });
  });
  const info = await ready;
  const call = (op, arg) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, op, arg });
    });
  return {
    endpoint: info.endpoint,
    region: info.region,
    stats: () => call('stats'),
    reset: (arg) => call('reset', arg),
    setFaults: (arg) => call('setFaults', arg),
    stop: async () => {
      await call('stop');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    },
  };
}
