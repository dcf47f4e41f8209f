#!/usr/bin/env node
import { main } from './main.js';

const exit = await main(process.argv.slice(2));
if (exit.signal) {
  // Die of the same signal as the command (its handlers were removed after it exited).
  process.kill(process.pid, exit.signal);
}
process.exitCode = exit.code;
