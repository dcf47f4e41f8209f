import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  count,
  installConsumer,
  manifestTargets,
  npmEnv,
  packAll,
  PUBLISHABLE,
  publishableNames,
  registryStatus,
  ROOT,
  runChild,
  writeConsumer,
  type ChildResult,
  type Tarball,
} from './support.js';

/*
 * The packed consumer tier: what a user installs from the registry, not the workspace symlinks.
 * Packs every publishable package, checks each tarball, installs the tarballs into a fresh project
 * outside the repository (with NestJS 11 and @nestjs/config 4), and runs that project's entry points,
 * a NestJS app and the CLI bin as child processes. Needs the built packages (`npm test` builds first).
 * Registry unreachable: the install-based suite fails on CI and is skipped, saying so, elsewhere.
 */
const REGISTRY = await registryStatus();
const SKIP_INSTALL = !REGISTRY.reachable && !process.env['CI'];
if (SKIP_INSTALL) {
  console.warn(`[consumer] ${REGISTRY.reason}: the installed-consumer tests are skipped (on CI they run and fail).`);
}

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Unique per run: a test fails if it shows up in any output. */
const CANARY = `CANARY-consumer-${randomUUID()}`;
const ADMIN = 'AKIACONSUMERADMIN';
/** May do everything but GetSecretValue on app/denied (an explicit Deny). */
const RESTRICTED = 'AKIACONSUMERRESTRICTED';
const SEED = {
  secrets: [
    { name: 'app/db', value: { username: 'app', password: `${CANARY}-db-pw` } },
    { name: 'app/api-key', value: `${CANARY}-api-key` },
    { name: 'app/denied', value: `${CANARY}-denied` },
  ],
  callers: [
    { accessKeyId: ADMIN, arn: 'arn:aws:iam::123456789012:role/admin', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }] } },
    {
      accessKeyId: RESTRICTED,
      arn: 'arn:aws:iam::123456789012:role/restricted',
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' },
          { Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-??????' },
        ],
      },
    },
  ],
};
/** Two references from .env (whole JSON key, embedded), one from the real environment (API_KEY). */
const OK_ENV = [
  'DB_PASSWORD=secretsmanager:app/db:password',
  'DATABASE_URL=postgres://app:{{resolve:secretsmanager:app/db:SecretString:password}}@db:5432/app',
  'PLAIN=plain',
].join('\n');
const DENIED_ENV = ['DB_PASSWORD=secretsmanager:app/db:password', 'DENIED=secretsmanager:app/denied'].join('\n');
const FROM_ENVIRONMENT = { API_KEY: 'secretsmanager:app/api-key' };

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

// The temp dir is created at load (a realpath, so resolved module paths compare equal), removed in afterAll.
const BASE = realpathSync(mkdtempSync(join(tmpdir(), 'secretref-consumer-')));
if (!relative(ROOT, BASE).startsWith('..')) throw new Error(`os.tmpdir() (${BASE}) is inside the repository: the consumer must live outside it`);
const TARBALLS = join(BASE, 'tarballs');
const APP = join(BASE, 'app');
mkdirSync(TARBALLS);
mkdirSync(APP);

let tarballs: Tarball[] = [];
beforeAll(async () => {
  tarballs = await packAll(TARBALLS);
}, 120_000);
afterAll(() => rmSync(BASE, { recursive: true, force: true }));

const tarball = (dir: (typeof PUBLISHABLE)[number]): Tarball => {
  const t = tarballs.find((x) => x.dir === dir);
  if (!t) throw new Error(`packages/${dir} was not packed`);
  return t;
};

describe('Packed tarballs (npm pack of every publishable package)', () => {
  it('cover exactly the non-private packages of packages/', async () => {
    expect(tarballs.map((t) => t.name).sort()).toEqual(await publishableNames());
  });

  describe.each(PUBLISHABLE)('packages/%s', (dir) => {
    it('ships dist/*.js, *.cjs, *.d.ts, README.md and package.json; no src/, test/, *.tsbuildinfo, .turbo', () => {
      const { files, npmFiles } = tarball(dir);
      expect(files).toEqual(npmFiles); // the .tgz as read here is what npm reported packing
      expect(files.filter((f) => /^dist\/[^/]+\.js$/.test(f)).length, 'dist/*.js').toBeGreaterThan(0);
      expect(files.filter((f) => /^dist\/[^/]+\.cjs$/.test(f)).length, 'dist/*.cjs').toBeGreaterThan(0);
      expect(files.filter((f) => /^dist\/[^/]+\.d\.ts$/.test(f)).length, 'dist/*.d.ts').toBeGreaterThan(0);
      expect(files).toContain('README.md');
      expect(files).toContain('package.json');
      const forbidden = files.filter((f) => /(^|\/)(src|test|tests|node_modules|\.turbo)(\/|$)|\.tsbuildinfo$|(^|\/)\.env/.test(f));
      expect(forbidden).toEqual([]);
    });

    it('contains every main/module/types/bin/exports/typesVersions target of its package.json', () => {
      const t = tarball(dir);
      const targets = manifestTargets(t.manifest);
      expect(targets).toContain('package.json'); // the "./package.json" export: proves exports were read
      expect(targets.filter((f) => !t.files.includes(f))).toEqual([]);
    });

    it('has bins that start with a node shebang, and pins @secretref/* dependencies to the packed versions', () => {
      const t = tarball(dir);
      const bins = typeof t.manifest.bin === 'string' ? [t.manifest.bin] : Object.values(t.manifest.bin ?? {});
      for (const bin of bins) expect(t.text(bin.replace(/^\.\//, '')).split('\n')[0]).toBe('#!/usr/bin/env node');
      for (const [name, range] of Object.entries(t.manifest.dependencies ?? {})) {
        if (!name.startsWith('@secretref/')) continue;
        expect(tarballs.map((x) => `${x.name}@${x.version}`), `${t.name} depends on ${name}@${range}`).toContain(`${name}@${range}`);
      }
    });
  });
});

describe.skipIf(SKIP_INSTALL)(`A fresh project installing the tarballs, with NestJS 11 and @nestjs/config 4${SKIP_INSTALL ? ` (skipped: ${REGISTRY.reason})` : ''}`, () => {
  let installLog = '';
  let emulator: ChildProcess | undefined;
  let endpoint = '';

  beforeAll(async () => {
    await writeConsumer(APP, tarballs);
    try {
      ({ log: installLog } = await installConsumer(APP));
    } catch (e) {
      const registry = REGISTRY.reachable ? 'the registry answered npm ping before the install' : `the registry was unreachable before the install: ${REGISTRY.reason}`;
      throw new Error(`${(e as Error).message}\n(${registry})`);
    }
    for (const f of ['entry-points.mjs', 'entry-points.cjs', 'nest-app.mjs']) copyFileSync(join(FIXTURES, f), join(APP, f));
    writeFileSync(join(APP, 'seed.json'), JSON.stringify(SEED));
    for (const [dir, text] of [['ok', OK_ENV], ['denied', DENIED_ENV]] as const) {
      mkdirSync(join(APP, dir));
      writeFileSync(join(APP, dir, '.env'), `${text}\n`);
    }
    ({ child: emulator, endpoint } = await startPackedEmulator());
  }, 420_000);

  afterAll(async () => {
    if (emulator && emulator.exitCode === null && emulator.signalCode === null) {
      const exited = new Promise((r) => emulator?.once('exit', r));
      emulator.kill('SIGTERM');
      await exited;
    }
  });

  /** The packed emulator's bin, on a free port, seeded; resolves with its endpoint once it listens. */
  function startPackedEmulator(): Promise<{ child: ChildProcess; endpoint: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(join(APP, 'node_modules/.bin/secretref-emulator'), ['--port', '0', '--seed', 'seed.json'], {
        cwd: APP,
        env: { PATH: process.env['PATH'] ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m?.[1]) resolve({ child, endpoint: m[1] });
      });
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`the packed secretref-emulator exited (${code}) before listening:\n${err}`)));
    });
  }

  /** A child in the consumer: only PATH and the AWS settings that point the SDK at the emulator. */
  function run(file: string, args: string[], options: { cwd?: string; key?: string; env?: Record<string, string> } = {}): Promise<ChildResult> {
    return runChild(file, args, {
      cwd: options.cwd ?? APP,
      timeoutMs: 60_000,
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: options.key ?? ADMIN,
        AWS_SECRET_ACCESS_KEY: 'not-checked',
        AWS_CONFIG_FILE: '/nonexistent/aws-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NO_COLOR: '1',
        ...options.env,
      },
    });
  }

  const leaked = (r: ChildResult) => `${r.stdout}${r.stderr}`.includes(CANARY);

  it('installs every @secretref/* from its tarball, as a real directory, once, without asking the registry for one', () => {
    const lock = JSON.parse(readFileSync(join(APP, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; link?: boolean }> };
    const installed = Object.entries(lock.packages).filter(([path]) => /(^|\/)node_modules\/@secretref\/[^/]+$/.test(path));
    expect(installed.map(([path]) => path).sort()).toEqual(tarballs.map((t) => `node_modules/${t.name}`).sort());
    for (const [path, entry] of installed) {
      const t = tarballs.find((x) => path.endsWith(x.name));
      expect(entry.link, path).toBeUndefined();
      expect(entry.resolved, path).toMatch(new RegExp(`^file:.*${basename(t?.path ?? '?').replace(/\./g, '\\.')}$`));
      expect(lstatSync(join(APP, path)).isSymbolicLink(), path).toBe(false);
    }
    // npm --loglevel=http logs every registry request ("npm http fetch GET 200 <url>").
    expect(installLog).toMatch(/npm http fetch GET \d+ \S+@nestjs%2fconfig/);
    expect(installLog.split('\n').filter((l) => /npm http fetch .*@secretref(%2f|\/)/i.test(l))).toEqual([]);
  });

  it('resolves NestJS 11 and @nestjs/config 4 (npm ls), peers satisfied', async () => {
    const r = await runChild('npm', ['ls', '@nestjs/config', '@nestjs/common', '--json'], { cwd: APP, env: npmEnv(), timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const tree = JSON.parse(r.stdout) as { dependencies: Record<string, { version: string; dependencies?: Record<string, { version: string }> }> };
    expect(tree.dependencies['@nestjs/config']?.version).toMatch(/^4\./);
    expect(tree.dependencies['@nestjs/common']?.version).toMatch(/^11\./);
    expect(tree.dependencies['@secretref/nestjs']?.dependencies?.['@nestjs/config']?.version).toMatch(/^4\./);
  });

  const SPECS = [
    '@secretref/core',
    '@secretref/core/iam',
    '@secretref/env',
    '@secretref/env/register',
    '@secretref/nestjs',
    '@secretref/express',
    '@secretref/cli',
    '@secretref/emulator',
  ];
  const EXPECTED_EXPORTS: Record<string, Record<string, string>> = {
    '@secretref/core': { resolveEnv: 'function', injectEnv: 'function', resolveConfig: 'function', parseReference: 'function', formatReport: 'function', isSecretResolutionError: 'function', SecretResolutionError: 'function', VERSION: 'string' },
    '@secretref/core/iam': { parsePolicy: 'function', evaluatePolicy: 'function', generatePolicy: 'function', predictResolution: 'function' },
    '@secretref/env': { loadEnv: 'function', readEnvInput: 'function', readEnvFiles: 'function' },
    '@secretref/env/register': {},
    '@secretref/nestjs': { SecretrefModule: 'function', SecretrefService: 'function', secretrefLoad: 'function', isSecretResolutionError: 'function' },
    '@secretref/express': { secretref: 'function', healthRouter: 'function', getSecretrefState: 'function' },
    '@secretref/cli': { main: 'function', VERSION: 'string' },
    '@secretref/emulator': { startEmulator: 'function', validateSeed: 'function', EmulatorConfigError: 'function' },
  };
  interface EntryReport {
    entries: Record<string, { resolved: string; exports: Record<string, string> }>;
    sameCore: boolean;
    coreVersion: string;
  }
  const entryPoints = async (script: string): Promise<EntryReport> => {
    const r = await run(process.execPath, [script, JSON.stringify(SPECS)]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as EntryReport;
  };
  /** The file the tarball's exports map names for a spec and a condition. */
  const exportTarget = (spec: string, condition: 'import' | 'require'): string => {
    const t = tarballs.find((x) => spec === x.name || spec.startsWith(`${x.name}/`));
    const sub = t && spec !== t.name ? `./${spec.slice(t.name.length + 1)}` : '.';
    const target = (t?.manifest.exports as Record<string, Record<string, { default: string }>> | undefined)?.[sub]?.[condition]?.default;
    return join(APP, 'node_modules', t?.name ?? '?', target ?? '?');
  };

  it.each([
    ['import', 'entry-points.mjs'],
    ['require', 'entry-points.cjs'],
  ] as const)('loads every entry point by %s, from the consumer\'s node_modules, with the expected named exports', async (condition, script) => {
    const report = await entryPoints(script);
    expect(Object.keys(report.entries)).toEqual(SPECS);
    for (const spec of SPECS) {
      expect(report.entries[spec]?.resolved, spec).toBe(exportTarget(spec, condition));
      expect(report.entries[spec]?.exports, spec).toMatchObject(EXPECTED_EXPORTS[spec] ?? {});
    }
    expect(report.sameCore).toBe(true);
    expect(report.coreVersion).toBe(tarball('core').version);
  });

  it('exports the same names by import and by require', async () => {
    const [esm, cjs] = await Promise.all([entryPoints('entry-points.mjs'), entryPoints('entry-points.cjs')]);
    for (const spec of SPECS) expect(Object.keys(cjs.entries[spec]?.exports ?? {}), spec).toEqual(Object.keys(esm.entries[spec]?.exports ?? {}));
  });

  it('boots a NestJS 11 app with SecretrefModule.forRoot({ isGlobal, envFilePath }): ConfigService returns the secrets', async () => {
    const r = await run(process.execPath, [join(APP, 'nest-app.mjs')], { cwd: join(APP, 'ok'), env: FROM_ENVIRONMENT });
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('PROBE '));
    expect(line, r.stdout).toBeDefined();
    const probe = JSON.parse(line?.slice('PROBE '.length) ?? '{}') as { versions: { common: string; config: string } };
    expect(probe.versions.common).toMatch(/^11\./);
    expect(probe.versions.config).toMatch(/^4\./);
    expect(probe).toEqual({
      versions: probe.versions,
      hashes: {
        DB_PASSWORD: sha256(`${CANARY}-db-pw`), // from .env
        DATABASE_URL: sha256(`postgres://app:${CANARY}-db-pw@db:5432/app`), // embedded, from .env
        API_KEY: sha256(`${CANARY}-api-key`), // from the real environment
        PLAIN: sha256('plain'),
      },
      placeholders: [],
      healthy: true,
    });
    expect(count(r.stdout, '[Secretref] secretref: 3 of 3 references resolved')).toBe(1);
    expect(leaked(r)).toBe(false);
  });

  for (const mode of [['--no-abort'], []]) {
    const label = mode.length ? 'NestFactory.create rejects (abortOnError: false)' : 'Nest exits (default abortOnError)';
    it(`refuses to boot when a secret is denied — ${label}: exit 1, the report once, no stack, no value`, async () => {
      const r = await run(process.execPath, [join(APP, 'nest-app.mjs'), ...mode], { cwd: join(APP, 'denied'), key: RESTRICTED, env: FROM_ENVIRONMENT });
      const out = `${r.stdout}${r.stderr}`;
      expect(r.code, out).toBe(1);
      expect(out).not.toContain('PROBE');
      if (mode.length) expect(count(r.stdout, 'REJECTED SecretResolutionError'), out).toBe(1);
      expect(count(out, 'secretref: 2 of 3 references resolved'), out).toBe(1);
      expect(count(out, 'references resolved')).toBe(1);
      expect(count(out, 'SECRET_ACCESS_DENIED')).toBe(1);
      expect(out).toMatch(/✗ DENIED\s+app\/denied\s+SECRET_ACCESS_DENIED/);
      expect(out).not.toMatch(/^\s+at /m);
      expect(leaked(r)).toBe(false);
    });
  }

  it('runs the packed CLI bin: secretref --version prints the version', async () => {
    const r = await run(join(APP, 'node_modules/.bin/secretref'), ['--version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(tarball('cli').version);
  });

  it('runs the packed CLI bin: secretref check exits 0 when every reference resolves, 1 with the denied row otherwise', async () => {
    const ok = await run(join(APP, 'node_modules/.bin/secretref'), ['check'], { cwd: join(APP, 'ok'), env: FROM_ENVIRONMENT });
    expect(ok.code, `${ok.stdout}\n${ok.stderr}`).toBe(0);
    expect(ok.stdout).toContain('secretref: 3 of 3 references resolved');
    for (const key of ['API_KEY', 'DATABASE_URL', 'DB_PASSWORD']) expect(ok.stdout).toMatch(new RegExp(`✓ ${key}\\s`));
    expect(leaked(ok)).toBe(false);

    const denied = await run(join(APP, 'node_modules/.bin/secretref'), ['check'], { cwd: join(APP, 'denied'), key: RESTRICTED, env: FROM_ENVIRONMENT });
    expect(denied.code).toBe(1);
    expect(`${denied.stdout}${denied.stderr}`).toMatch(/✗ DENIED\s+app\/denied\s+SECRET_ACCESS_DENIED/);
    expect(leaked(denied)).toBe(false);
  });
});
