import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The publishable packages, by directory under packages/. */
export const PUBLISHABLE = ['core', 'env', 'nestjs', 'express', 'cli', 'emulator'] as const;

/** Install deadline per attempt (one retry on a network failure). */
export const INSTALL_TIMEOUT_MS = 180_000;

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a process to its end (killed with SIGKILL after `timeoutMs`), stdin closed. */
export function runChild(file: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/**
 * The environment for npm children: this process's, without the npm_* variables an enclosing
 * `npm test` exports (npm_config_local_prefix=<repo> among them, which would point npm back at the
 * repository). Settings a developer or CI may rely on (registry, cache, proxies, CA) are kept.
 */
export function npmEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|cafile|ca|proxy|https_proxy|noproxy|strict_ssl|fetch_.*|@.*:registry|\/\/.*)$/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !keep.test(k)) continue;
    env[k] = v;
  }
  env.npm_config_update_notifier = 'false';
  return env;
}

/** Whether the npm registry answers, and a reason to print when it does not. */
export async function registryStatus(): Promise<{ reachable: boolean; reason: string }> {
  try {
    const r = await runChild('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=15000'], { cwd: ROOT, env: npmEnv(), timeoutMs: 20_000 });
    if (r.code === 0) return { reachable: true, reason: '' };
    const why = r.timedOut ? 'timed out' : (r.stderr.split('\n').find((l) => /npm error (code|errno|network|request)/i.test(l)) ?? `exit ${r.code}`);
    return { reachable: false, reason: `npm ping failed (${why.replace(/^npm error\s*/i, '').trim()})` };
  } catch (e) {
    return { reachable: false, reason: `npm could not run (${(e as Error).message})` };
  }
}

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  typesVersions?: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
}

export interface Tarball {
  /** Package directory under packages/. */
  dir: string;
  name: string;
  version: string;
  path: string;
  /** Paths inside the tarball, relative to its `package/` folder (read from the .tgz itself). */
  files: string[];
  /** The file list `npm pack --json` reported. */
  npmFiles: string[];
  /** The package.json shipped in the tarball. */
  manifest: PackageManifest;
  /** The text of a file of the tarball. */
  text(file: string): string;
}

/** Packs every publishable package with `npm pack --workspace ... --pack-destination dest`. */
export async function packAll(dest: string): Promise<Tarball[]> {
  const args = ['pack', ...PUBLISHABLE.flatMap((d) => ['--workspace', `packages/${d}`]), '--pack-destination', dest, '--json'];
  const r = await runChild('npm', args, { cwd: ROOT, env: npmEnv(), timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`npm pack failed (exit ${r.code}):\n${r.stderr}`);
  const packed = JSON.parse(r.stdout) as Array<{ name: string; filename: string; files: Array<{ path: string }> }>;
  return PUBLISHABLE.map((dir) => {
    const name = JSON.parse(readFileSync(join(ROOT, 'packages', dir, 'package.json'), 'utf8')).name as string;
    const entry = packed.find((p) => p.name === name);
    if (!entry) throw new Error(`npm pack printed no tarball for ${name}`);
    const path = join(dest, basename(entry.filename));
    const contents = readTar(path);
    const text = (file: string): string => {
      const data = contents.get(file);
      if (data === undefined) throw new Error(`${basename(path)} has no ${file}`);
      return data.toString('utf8');
    };
    const manifest = JSON.parse(text('package.json')) as PackageManifest;
    const npmFiles = entry.files.map((f) => f.path).sort();
    return { dir, name: manifest.name, version: manifest.version, path, files: [...contents.keys()].sort(), npmFiles, manifest, text };
  });
}

/** The names of the non-private packages under packages/. */
export async function publishableNames(): Promise<string[]> {
  const names: string[] = [];
  for (const dir of await readdir(join(ROOT, 'packages'))) {
    const pkg = JSON.parse(await readFile(join(ROOT, 'packages', dir, 'package.json'), 'utf8')) as PackageManifest;
    if (!pkg.private) names.push(pkg.name);
  }
  return names.sort();
}

/** The files of a .tgz (npm's ustar layout, pax/GNU long names included), keyed by path under `package/`. */
export function readTar(path: string): Map<string, Buffer> {
  const buf = gunzipSync(readFileSync(path));
  const out = new Map<string, Buffer>();
  const str = (start: number, len: number) => buf.subarray(start, start + len).toString('utf8').replace(/\0.*$/s, '');
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(str(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = str(offset + 257, 6).startsWith('ustar') ? str(offset + 345, 155) : '';
    const headerName = prefix ? `${prefix}/${str(offset, 100)}` : str(offset, 100);
    const data = Buffer.from(buf.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
      if (m) longName = m[1];
    } else if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '');
    } else if (type !== 'g') {
      if (type === '0' || type === '\0') out.set((longName ?? headerName).replace(/^[^/]+\//, ''), data);
      longName = undefined;
    }
  }
  return out;
}

/** Every file a package.json points at: main, module, types, bin, exports and typesVersions targets. */
export function manifestTargets(m: PackageManifest): string[] {
  const targets: string[] = [];
  const add = (t: unknown) => {
    if (typeof t === 'string') targets.push(t);
    else if (Array.isArray(t)) t.forEach(add);
    else if (t && typeof t === 'object') Object.values(t).forEach(add);
  };
  add([m.main, m.module, m.types, m.typings, m.bin, m.exports]);
  for (const map of Object.values(m.typesVersions ?? {})) add(map);
  return [...new Set(targets.map((t) => t.replace(/^\.\//, '')))].sort();
}

/** Writes the consumer's package.json: tarballs by `file:` path, the same in `overrides`, Nest 11 + config 4. */
export async function writeConsumer(dir: string, tarballs: Tarball[]): Promise<void> {
  const secretref = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.path}`]));
  const pkg = {
    name: 'secretref-packed-consumer',
    version: '1.0.0',
    private: true,
    description: 'A fresh project installing the packed @secretref/* tarballs (test/consumer).',
    dependencies: {
      ...secretref,
      '@nestjs/common': '^11.0.0',
      '@nestjs/core': '^11.0.0',
      '@nestjs/platform-express': '^11.0.0',
      '@nestjs/config': '^4.0.0',
      'reflect-metadata': '^0.2.2',
      rxjs: '^7.8.2',
      '@aws-sdk/client-secrets-manager': '^3.1178.0',
    },
    // Every @secretref/* name, wherever it appears in the tree, is the tarball: never the registry.
    overrides: secretref,
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
}

const NETWORK_FAILURE = /ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|socket hang up|network|E50[0-4]|E429/i;

/**
 * `npm install --no-audit --no-fund --ignore-scripts` in the consumer, with npm's HTTP log (every
 * registry request) in the result. One retry when the first attempt fails on the network.
 */
export async function installConsumer(dir: string): Promise<{ log: string; attempts: number }> {
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=http'];
  let last: ChildResult | undefined;
  for (let attempt = 1; attempt <= 2; attempt++) {
    last = await runChild('npm', args, { cwd: dir, env: npmEnv(), timeoutMs: INSTALL_TIMEOUT_MS });
    if (last.code === 0) return { log: `${last.stdout}\n${last.stderr}`, attempts: attempt };
    if (!last.timedOut && !NETWORK_FAILURE.test(last.stderr)) break;
  }
  const tail = `${last?.stderr ?? ''}`.split('\n').slice(-40).join('\n');
  throw new Error(`npm install in the packed consumer failed (${last?.timedOut ? `timed out after ${INSTALL_TIMEOUT_MS} ms` : `exit ${last?.code}`}):\n${tail}`);
}

export function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
