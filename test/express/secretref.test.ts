import { isSecretResolutionError, type SecretResolutionError } from '@secretref/core';
import { startEmulator, type EmulatorHandle } from '@secretref/emulator';
import { getSecretrefState, healthRouter, secretref, type SecretrefOptions } from '@secretref/express';
import express5 from 'express';
import express4 from 'express4';
import { inspect } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor } from '../fixtures/clients.js';
import { ADMIN, CANARY, DENIED_ENV, ENV_FILE, EXPECTED, RESTRICTED, SEED, canaryIn, placeholdersIn, placeholdersInProcessEnv, restoreEnvAfterEach, writeEnvFile } from './support.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
});
afterAll(async () => emu?.stop());
beforeEach(() => emu.reset());
restoreEnvAfterEach();

const base = (accessKeyId = ADMIN): SecretrefOptions => ({ client: clientFor(emu.endpoint, accessKeyId), logger: false, exitOnError: false });

async function rejection(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

describe.each([
  ['Express 5', express5],
  ['Express 4', express4],
] as const)('Function: secretref (%s)', (_name, express) => {
  it('resolves before serving: process.env, app.get("config") and the routes see secret values', async () => {
    const app = express();
    const { config, report } = await secretref(app, { ...base(), envFilePath: writeEnvFile(ENV_FILE) });
    expect(config).toEqual(EXPECTED);
    expect(app.get('config')).toEqual(EXPECTED);
    for (const [key, value] of Object.entries(EXPECTED)) expect(process.env[key]).toBe(value);
    expect(report.calls).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 1 });
    app.get('/db', (req, res) => {
      res.json({ urlLength: String(req.app.get('config').DATABASE_URL).length });
    });
    const res = await request(app).get('/db').expect(200);
    expect(res.body).toEqual({ urlLength: EXPECTED.DATABASE_URL.length });
    expect(placeholdersInProcessEnv()).toEqual([]);
    expect(placeholdersIn(app.locals)).toEqual([]);
    expect(JSON.stringify(app.locals.secretref)).not.toContain(CANARY);
  });

  it('keeps every value out of app.locals (app.locals.settings is app.settings): no dump of it shows one', async () => {
    const app = express();
    await secretref(app, { ...base(), envFilePath: writeEnvFile(ENV_FILE) });
    expect(app.get('config')).toEqual(EXPECTED);
    expect(JSON.stringify(app.locals)).not.toContain(CANARY);
    expect(inspect(app.locals, { depth: Infinity })).not.toContain(CANARY);
  });

  it('passes the resolved variables to a config factory and stores its result', async () => {
    const app = express();
    await secretref(app, { ...base(), envFilePath: writeEnvFile(ENV_FILE), config: (env) => ({ db: { url: env.DATABASE_URL, previous: env.DB_PASSWORD_PREVIOUS } }) });
    expect(app.get('config')).toEqual({ db: { url: EXPECTED.DATABASE_URL, previous: EXPECTED.DB_PASSWORD_PREVIOUS } });
  });

  it('strips resolved values from an error thrown by the config factory, and writes nothing', async () => {
    const app = express();
    const before = { ...process.env };
    const e = await secretref(app, {
      ...base(),
      envFilePath: writeEnvFile(ENV_FILE),
      config: (env) => {
        throw Object.assign(new Error(`invalid url "${env.DATABASE_URL}", received "${env.DB_PASSWORD}"`), { issues: [{ received: env.DB_PASSWORD }] });
      },
    }).then(() => undefined, (x: unknown) => x);
    expect((e as Error).message).toBe('invalid url "[secret]", received "[secret]"');
    expect(canaryIn(inspect(e, { depth: Infinity, showHidden: true }), JSON.stringify(e))).toBe(false);
    expect(process.env).toEqual(before);
  });

  it('lets a reference of the real environment win over the .env file, and the file win with override', async () => {
    const envFilePath = writeEnvFile('TOKEN=secretsmanager:app/from-file');
    process.env.TOKEN = 'secretsmanager:app/from-env';
    const app = express();
    await secretref(app, { ...base(), envFilePath });
    expect(app.get('config').TOKEN).toBe(`${CANARY}-from-env`);
    expect(process.env.TOKEN).toBe(`${CANARY}-from-env`);

    process.env.TOKEN = 'secretsmanager:app/from-env';
    const app2 = express();
    await secretref(app2, { ...base(), envFilePath, override: true });
    expect(app2.get('config').TOKEN).toBe(`${CANARY}-from-file`);
    expect(process.env.TOKEN).toBe(`${CANARY}-from-file`);
  });

  it('lets the first of several env files win, with override as without', async () => {
    const files = [writeEnvFile('TOKEN=secretsmanager:app/from-file'), writeEnvFile('TOKEN=secretsmanager:app/from-env')];
    process.env.TOKEN = 'set-by-the-platform';
    const app = express();
    await secretref(app, { ...base(), envFilePath: files, override: true });
    expect(app.get('config').TOKEN).toBe(`${CANARY}-from-file`);
  });

  it('keeps a plain value of the real environment over a .env reference, which is never fetched', async () => {
    process.env.TOKEN = 'set-by-the-platform';
    const app = express();
    const { report } = await secretref(app, { ...base(RESTRICTED), envFilePath: writeEnvFile('TOKEN=secretsmanager:app/denied-1') });
    expect(app.get('config').TOKEN).toBe('set-by-the-platform');
    expect(report.references).toBe(0);
    expect(emu.stats().total).toBe(0);
  });

  it('rejects with every denied secret, writes nothing, and the health route answers 503 with the report', async () => {
    process.env.FROM_ENV = 'secretsmanager:app/from-env';
    const before = { ...process.env };
    const app = express();
    app.use(healthRouter());
    const e = await rejection(secretref(app, { ...base(RESTRICTED), envFilePath: writeEnvFile(DENIED_ENV) }));
    expect(e.issues.map((i) => [i.keys.join(','), i.code])).toEqual([
      ['DENIED_ONE', 'SECRET_ACCESS_DENIED'],
      ['DENIED_TWO', 'SECRET_ACCESS_DENIED'],
    ]);
    expect(process.env).toEqual(before);
    expect(app.get('config')).toBeUndefined();
    const res = await request(app).get('/health/secrets').expect(503);
    expect(res.body.status).toBe('failed');
    expect(res.body.report.issues.map((i: { keys: string[] }) => i.keys[0])).toEqual(['DENIED_ONE', 'DENIED_TWO']);
    expect(res.text).not.toContain(CANARY);
    expect(`${e.message}${JSON.stringify(e)}`).not.toContain(CANARY);
  });
});

describe.each([
  ['Express 5', express5],
  ['Express 4', express4],
] as const)('Function: healthRouter (%s)', (_name, express) => {
  it('serves the report without values, 200 when every reference resolved', async () => {
    const app = express();
    await secretref(app, { ...base(), envFilePath: writeEnvFile(ENV_FILE) });
    app.use(healthRouter());
    const res = await request(app).get('/health/secrets').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.status).toBe('ok');
    expect(res.body.report.resolvedReferences).toBe(6);
    expect(res.text).not.toContain(CANARY);
  });

  it('answers 503 "degraded" when an optional key was left unset', async () => {
    const app = express();
    await secretref(app, { ...base(RESTRICTED), envFilePath: writeEnvFile(`${ENV_FILE}\nDENIED_ONE=secretsmanager:app/denied-1`), optional: ['DENIED_ONE'] });
    expect(process.env.DENIED_ONE).toBeUndefined();
    expect(app.get('config').DENIED_ONE).toBeUndefined();
    app.use(healthRouter());
    const res = await request(app).get('/health/secrets').expect(503);
    expect(res.body.status).toBe('degraded');
    expect(res.body.report.warnings.map((w: { code: string }) => w.code)).toEqual(['SECRET_ACCESS_DENIED']);
  });

  it('answers 503 "pending" before secretref() ran, serves a custom path, and passes other requests on', async () => {
    const app = express();
    app.use('/ops', healthRouter({ path: '/secrets' }));
    app.get('/other', (_req, res) => {
      res.send('other');
    });
    expect((await request(app).get('/ops/secrets').expect(503)).body).toEqual({ status: 'pending' });
    await request(app).get('/other').expect(200, 'other');
    await request(app).post('/ops/secrets').expect(404);
    expect(getSecretrefState(app)).toBeUndefined();
  });
});
