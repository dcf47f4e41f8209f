// Imports one module (argv[2], or nothing for "none") and prints how long the import took and the
// process's peak RSS. With argv[3], that module is imported first, untimed (what is already loaded
// then costs nothing, so the timing is argv[2]'s own cost on top of it). Run in a fresh `node` per
// sample by cold-start.mjs.
import { performance } from 'node:perf_hooks';

const [specifier, preload] = process.argv.slice(2);
if (preload) await import(preload);
const t0 = performance.now();
if (specifier && specifier !== 'none') await import(specifier);
const importMs = performance.now() - t0;
process.stdout.write(JSON.stringify({ importMs, maxRssKb: process.resourceUsage().maxRSS }));
