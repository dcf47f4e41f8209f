import { defineConfig } from 'tsup';
import { LIBRARY } from '../../tsup.shared.js';

const common = { ...LIBRARY, clean: false } as const;

// The register hook has one source per format: ESM waits with top-level await; CommonJS cannot,
// so it resolves in a synchronously spawned worker. `npm run build` empties dist first.
export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, format: ['esm', 'cjs'] },
  { ...common, entry: { register: 'src/register.ts' }, format: ['esm'] },
  { ...common, entry: { register: 'src/register-cjs.ts', 'register-worker': 'src/register-worker.ts' }, format: ['cjs'], dts: { entry: { register: 'src/register-cjs.ts' } } },
]);
