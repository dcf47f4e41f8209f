import { defineConfig } from 'tsup';

// tsconfig.json sets emitDecoratorMetadata: with @swc/core installed tsup compiles through swc and
// emits `design:paramtypes`. Without it the build "works" but constructor injection breaks;
// test/nestjs/built-output.test.ts checks the metadata in dist.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: false,
});
