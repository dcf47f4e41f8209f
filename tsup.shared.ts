import type { Options } from 'tsup';

/** What every published package's build shares: ESM + CJS for Node 20, .d.ts, source maps. */
export const LIBRARY: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: false,
};
