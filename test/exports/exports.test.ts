import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Every published entry point, tried from a consumer's seat: `import` and `require` of the built
 * output in a fresh Node process, and TypeScript resolving the types under both module kinds.
 */
const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Entry {
  pkg: string;
  spec: string;
  /** Entry points that act on import (the env preload): loaded with an empty environment file. */
  sideEffect: boolean;
}

async function publishedEntries(): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const dir of (await readdir(join(root, 'packages'))).sort()) {
    const pkg = JSON.parse(await readFile(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
      name: string;
      private?: boolean;
      exports?: Record<string, unknown>;
    };
    if (pkg.private) continue;
    for (const sub of Object.keys(pkg.exports ?? {})) {
      if (sub === './package.json') continue;
      out.push({ pkg: pkg.name, spec: sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`, sideEffect: sub === './register' });
    }
  }
  return out;
}

let entries: Entry[] = [];
let work = '';
beforeAll(async () => {
  entries = await publishedEntries();
  work = await mkdtemp(join(root, 'test', 'exports', '.tmp-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const childEnv = { ...process.env, SECRETREF_ENV_FILE: '/nonexistent/.env', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

async function keysVia(kind: 'import' | 'require', spec: string): Promise<string[]> {
  const code = kind === 'import'
    ? `import(${JSON.stringify(spec)}).then((m) => console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default' && k !== 'module.exports').sort())))`
    : `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(spec)})).sort()))`;
  const { stdout } = await run(process.execPath, ['-e', code], { cwd: work, env: childEnv });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as string[];
}

describe('Published entry points', () => {
  it('covers every package of the repository', async () => {
    const pkgs = new Set(entries.map((e) => e.pkg));
    expect([...pkgs].sort()).toEqual([
      '@secretref/cli', '@secretref/core', '@secretref/emulator', '@secretref/env', '@secretref/express', '@secretref/nestjs',
    ]);
    expect(entries.map((e) => e.spec)).toContain('@secretref/core/iam');
  });

  it('load by import and by require with the same named exports', async () => {
    for (const e of entries) {
      const esm = await keysVia('import', e.spec);
      if (e.sideEffect) continue; // a preload has no exports to compare; that it loads is the check
      const cjs = await keysVia('require', e.spec);
      expect(esm.length, `${e.spec} exports nothing by import`).toBeGreaterThan(0);
      expect(cjs, `${e.spec}: require and import disagree`).toEqual(esm);
    }
  });

  it('resolve their types from an ESM and a CommonJS consumer (moduleResolution nodenext)', async () => {
    const named = entries.filter((e) => !e.sideEffect);
    const lines = named.map((e, i) => `import * as m${i} from ${JSON.stringify(e.spec)};\nexport const n${i}: number = Object.keys(m${i}).length;`);
    await writeFile(join(work, 'esm.mts'), lines.join('\n'));
    await writeFile(join(work, 'cjs.cts'), lines.join('\n'));
    // A deliberate type error proves the check runs on real types, not on `any`.
    await writeFile(join(work, 'probe.mts'), `import { parseReference } from '@secretref/core';\nconst n: number = parseReference('secretsmanager:a');\nexport { n };\n`);
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const common = ['--ignoreConfig', '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--skipLibCheck', 'false'];
    const ok = await run(process.execPath, [tsc, ...common, 'esm.mts', 'cjs.cts'], { cwd: work }).then(() => 'ok', (e: { stdout: string }) => e.stdout);
    expect(ok).toBe('ok');
    const probe = await run(process.execPath, [tsc, ...common, 'probe.mts'], { cwd: work }).then(() => 'ok', (e: { stdout: string }) => e.stdout);
    expect(probe).toMatch(/TS2322: Type 'SecretReference \| undefined' is not assignable to type 'number'/);
  }, 120_000);
});
