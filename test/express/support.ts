import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { looksLikeReference } from '@secretref/core';
import type { EmulatorSeed } from '@secretref/emulator';
import { afterEach, beforeEach } from 'vitest';

/** Unique strings seeded as secret values: none may ever appear in output, reports or errors. */
export const CANARY = 'CANARY-adapter-express-2b7e';
export const ACCOUNT = '123456789012';
export const ADMIN = 'AKIAEXPRESSADMIN';
/** May read app/db, app/api-key, app/from-file and app/from-env; denied app/denied-1 and app/denied-2. */
export const RESTRICTED = 'AKIAEXPRESSRESTRICTED';

const arn = (name: string) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-??????`;

export const SEED: EmulatorSeed = {
  region: 'us-east-1',
  accountId: ACCOUNT,
  secrets: [
    { name: 'app/db', value: { username: 'app_user', password: `${CANARY}-db-pw` }, previousValue: { username: 'app_user', password: `${CANARY}-db-old` } },
    { name: 'app/api-key', value: `${CANARY}-api-key` },
    { name: 'app/from-file', value: `${CANARY}-from-file` },
    { name: 'app/from-env', value: `${CANARY}-from-env` },
    { name: 'app/denied-1', value: `${CANARY}-denied-1` },
    { name: 'app/denied-2', value: `${CANARY}-denied-2` },
  ],
  callers: [
    { accessKeyId: ADMIN, arn: `arn:aws:iam::${ACCOUNT}:role/admin`, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
    {
      accessKeyId: RESTRICTED,
      arn: `arn:aws:iam::${ACCOUNT}:role/restricted`,
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: '*' },
          { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ['app/db', 'app/api-key', 'app/from-file', 'app/from-env'].map(arn) },
        ],
      },
    },
  ],
};

/** Whole value, JSON keys, an embedded URL, a pinned AWSPREVIOUS. */
export const ENV_FILE = [
  'DB_USER=secretsmanager:app/db:username',
  'DB_PASSWORD=secretsmanager:app/db:password',
  'DB_PASSWORD_PREVIOUS=secretsmanager:app/db:password:AWSPREVIOUS',
  'API_KEY=secretsmanager:app/api-key',
  'DATABASE_URL=postgres://{{resolve:secretsmanager:app/db:SecretString:username}}:{{resolve:secretsmanager:app/db:SecretString:password}}@db:5432/app',
  'PLAIN=hello',
].join('\n');

export const EXPECTED = {
  DB_USER: 'app_user',
  DB_PASSWORD: `${CANARY}-db-pw`,
  DB_PASSWORD_PREVIOUS: `${CANARY}-db-old`,
  API_KEY: `${CANARY}-api-key`,
  DATABASE_URL: `postgres://app_user:${CANARY}-db-pw@db:5432/app`,
  PLAIN: 'hello',
};

export const DENIED_ENV = `${ENV_FILE}\nDENIED_ONE=secretsmanager:app/denied-1\nDENIED_TWO=secretsmanager:app/denied-2`;

export function writeEnvFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'secretref-express-')), '.env');
  writeFileSync(path, `${text}\n`);
  return path;
}

/** Restores process.env after each test of the calling file. */
export function restoreEnvAfterEach(): void {
  let saved: NodeJS.ProcessEnv = {};
  beforeEach(() => {
    saved = { ...process.env };
  });
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });
}

export function placeholdersInProcessEnv(): string[] {
  return Object.keys(process.env).filter((k) => looksLikeReference(process.env[k] ?? ''));
}

/** Every string leaf of a value that still holds a reference (for app.locals, settings, config). */
export function placeholdersIn(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return looksLikeReference(value) ? [value] : [];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  return Object.values(value).flatMap((v) => placeholdersIn(v, seen));
}
