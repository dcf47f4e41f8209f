import { defineConfig } from 'tsup';
import { LIBRARY } from '../../tsup.shared.js';

const common = { ...LIBRARY, clean: false } as const;

// `npm run build` empties dist first (two configs build in parallel).
export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'] },
  // The bin: ESM only (it awaits at top level), shebang kept from src/cli.ts.
  { ...common, entry: { cli: 'src/cli.ts' }, format: ['esm'], dts: false },
]);
