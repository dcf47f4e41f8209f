import { defineConfig } from 'tsup';
import { LIBRARY } from '../../tsup.shared.js';

// tsconfig.json sets emitDecoratorMetadata: with @swc/core installed tsup compiles through swc and
// emits `design:paramtypes`. Without it the build "works" but constructor injection breaks;
// test/nestjs/built-output.test.ts checks the metadata in dist.
export default defineConfig({ ...LIBRARY, entry: { index: 'src/index.ts' } });
