import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';

export default defineProject({
  // Compile decorators with metadata, as the shipped build does (esbuild emits no design:paramtypes).
  plugins: [
    swc.vite({
      tsconfigFile: false,
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
    }),
  ],
  test: {
    name: 'nestjs',
    include: ['test/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
