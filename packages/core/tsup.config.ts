import { defineConfig } from 'tsup';
import { LIBRARY } from '../../tsup.shared.js';

export default defineConfig({ ...LIBRARY, entry: { index: 'src/index.ts', iam: 'src/iam/index.ts' } });
