import swc from 'unplugin-swc';
import { defineProject } from 'vitest/config';

export default defineProject({
  // NestJS tests need decorator metadata, which esbuild does not emit: compile with swc, as the shipped build does.
  plugins: [swc.vite({ jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } })],
  test: {
    name: 'integration',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30000,
    hookTimeout: 60000,
  },
});
