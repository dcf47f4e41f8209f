import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: {
    // Test against the evaluator's source, so emulator tests do not depend on a fresh core build.
    alias: { '@secretref/core/iam': fileURLToPath(new URL('../core/src/iam/index.ts', import.meta.url)) },
  },
  test: {
    name: 'emulator',
    include: ['test/**/*.test.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
