// Imports one module (argv[2], or nothing for "none") and prints how long the import took and the
// process's peak RSS. Run in a fresh `node` per sample by cold-start.mjs.
import { performance } from 'node:perf_hooks';

const specifier = process.argv[2];
const t0 = performance.now();
if (specifier && specifier !== 'none') await import(specifier);
const importMs = performance.now() - t0;
process.stdout.write(JSON.stringify({ importMs, maxRssKb: process.resourceUsage().maxRSS }));
