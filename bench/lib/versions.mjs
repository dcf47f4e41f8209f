import { existsSync, readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed version of a package, found by walking up node_modules from bench/. */
export function installedVersion(name) {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')).version;
    const up = dirname(dir);
    if (up === dir) return 'not installed';
    dir = up;
  }
}

export function machine() {
  const list = cpus();
  return {
    node: process.version,
    platform: `${platform()} ${release()}`,
    cores: list.length,
    cpu: list[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    date: new Date().toISOString().slice(0, 10),
  };
}

export function packageVersions() {
  return Object.fromEntries(
    ['@secretref/core', '@secretref/emulator', '@aws-sdk/client-secrets-manager', '@aws-lambda-powertools/parameters', '@middy/secrets-manager', '@middy/util'].map((n) => [n, installedVersion(n)]),
  );
}
