// The emulator in its own process, so its CPU work does not share the measured event loop.
// Driven over IPC by emulator-host.mjs: { id, op: 'stats' | 'reset' | 'setFaults' | 'stop', arg }.
import { startEmulator } from '@secretref/emulator';

const { seed, faults } = JSON.parse(process.argv[2] ?? '{}');
const emu = await startEmulator({ seed, faults });

process.on('message', async ({ id, op, arg }) => {
  try {
    let result;
    if (op === 'stats') result = emu.stats();
    else if (op === 'reset') result = emu.reset(arg);
    else if (op === 'setFaults') result = emu.setFaults(arg);
    else if (op === 'stop') result = await emu.stop();
    else throw new Error(`unknown op ${op}`);
    process.send({ id, ok: true, result });
    if (op === 'stop') process.disconnect();
  } catch (error) {
    process.send({ id, ok: false, message: String(error?.message ?? error) });
  }
});
process.send({ ready: true, endpoint: emu.endpoint, region: emu.region, accountId: emu.accountId });
