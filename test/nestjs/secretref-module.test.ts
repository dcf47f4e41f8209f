import 'reflect-metadata';
import { inspect } from 'node:util';
import { Inject, Injectable, Module } from '@nestjs/common';
import { ConfigService, registerAs } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { isSecretResolutionError, looksLikeReference, type SecretResolutionError } from '@secretref/core';
import { startEmulator, type EmulatorHandle } from '@secretref/emulator';
import { SecretrefModule, SecretrefService, type SecretrefModuleOptions } from '@secretref/nestjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor } from '../fixtures/clients.js';
import { ADMIN, CANARY, ENV_FILE, EXPECTED, RESTRICTED, SEED, canaryIn, placeholdersInProcessEnv, restoreEnvAfterEach, writeEnvFile } from './support.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
});
afterAll(async () => emu?.stop());
beforeEach(() => emu.reset());
restoreEnvAfterEach();

const base = (accessKeyId = ADMIN): SecretrefModuleOptions => ({ client: clientFor(emu.endpoint, accessKeyId), logReport: false });

async function compile(options: SecretrefModuleOptions) {
  const moduleRef = await Test.createTestingModule({ imports: [SecretrefModule.forRoot(options)] }).compile();
  return { config: moduleRef.get(ConfigService), secretref: moduleRef.get(SecretrefService), close: () => moduleRef.close() };
}

async function rejection(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

describe('Module: SecretrefModule', () => {
  describe('Method: forRoot', () => {
    it('resolves every reference of the .env file so ConfigService.get and process.env return secret values', async () => {
      const envFilePath = writeEnvFile(ENV_FILE);
      const { config, close } = await compile({ ...base(), envFilePath });
      for (const [key, value] of Object.entries(EXPECTED)) {
        expect(config.get(key)).toBe(value);
        expect(process.env[key]).toBe(value);
      }
      expect(placeholdersInProcessEnv()).toEqual([]);
      // One BatchGetSecretValue for the current versions, one GetSecretValue for the pinned AWSPREVIOUS.
      expect(emu.stats().byOperation).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 1 });
      await close();
    });

    it('resolves a reference that comes from the real environment, replacing the placeholder in process.env', async () => {
      process.env.FROM_ENV = 'secretsmanager:app/from-env';
      const { config, close } = await compile({ ...base(), ignoreEnvFile: true });
      expect(config.get('FROM_ENV')).toBe(`${CANARY}-from-env`);
      expect(process.env.FROM_ENV).toBe(`${CANARY}-from-env`);
      expect(placeholdersInProcessEnv()).toEqual([]);
      await close();
    });

    it('lets the real environment win over the .env file (a reference there too), and the file win with override', async () => {
      const envFilePath = writeEnvFile('TOKEN=secretsmanager:app/from-file');
      process.env.TOKEN = 'secretsmanager:app/from-env';
      let app = await compile({ ...base(), envFilePath });
      expect(app.config.get('TOKEN')).toBe(`${CANARY}-from-env`);
      await app.close();

      process.env.TOKEN = 'secretsmanager:app/from-env';
      app = await compile({ ...base(), envFilePath, override: true });
      expect(app.config.get('TOKEN')).toBe(`${CANARY}-from-file`);
      expect(process.env.TOKEN).toBe(`${CANARY}-from-file`);
      await app.close();
    });

    it('lets the first of several env files win, with override as without (as ConfigModule does)', async () => {
      const first = writeEnvFile('TOKEN=secretsmanager:app/from-file');
      const second = writeEnvFile('TOKEN=secretsmanager:app/from-env');
      process.env.TOKEN = 'set-by-the-platform';
      const app = await compile({ ...base(), envFilePath: [first, second], override: true });
      expect(app.config.get('TOKEN')).toBe(`${CANARY}-from-file`);
      await app.close();
    });

    it('never fetches a .env reference shadowed by a plain value of the real environment', async () => {
      const envFilePath = writeEnvFile('TOKEN=secretsmanager:app/denied-1\nAPI_KEY=secretsmanager:app/api-key');
      process.env.TOKEN = 'set-by-the-platform';
      const { config, secretref, close } = await compile({ ...base(RESTRICTED), envFilePath });
      expect(config.get('TOKEN')).toBe('set-by-the-platform');
      expect(secretref.report.resolved.map((r) => r.key)).toEqual(['API_KEY']);
      await close();
    });

    it('runs a validate function on resolved values and serves what it returns', async () => {
      const envFilePath = writeEnvFile(ENV_FILE);
      let seen: Record<string, unknown> = {};
      const { config, close } = await compile({
        ...base(),
        envFilePath,
        validate: (env) => {
          seen = { ...env };
          return { ...env, DB_PASSWORD_LENGTH: String(env.DB_PASSWORD).length };
        },
      });
      expect(seen.DB_PASSWORD).toBe(EXPECTED.DB_PASSWORD);
      expect(seen.DATABASE_URL).toBe(EXPECTED.DATABASE_URL);
      expect(config.get('DB_PASSWORD_LENGTH')).toBe(EXPECTED.DB_PASSWORD.length);
      await close();
    });

    it('runs a validation schema (Standard Schema) on resolved values', async () => {
      const envFilePath = writeEnvFile(ENV_FILE);
      const seen: unknown[] = [];
      const validationSchema = {
        '~standard': {
          version: 1 as const,
          vendor: 'test',
          validate: (value: unknown) => {
            seen.push(value);
            const v = value as Record<string, string>;
            return looksLikeReference(v.API_KEY ?? '') ? { issues: [{ message: 'API_KEY is a placeholder' }] } : { value: { ...v, PORT: 8080 } };
          },
        },
      };
      const { config, close } = await compile({ ...base(), envFilePath, validationSchema });
      expect((seen[0] as Record<string, string>).API_KEY).toBe(EXPECTED.API_KEY);
      expect(config.get('PORT')).toBe(8080);
      expect(config.get('API_KEY')).toBe(EXPECTED.API_KEY);
      await close();
    });

    it('strips resolved values from a validation error, whatever the validator put in it', async () => {
      const envFilePath = writeEnvFile(ENV_FILE);
      // A schema whose issue quotes the value, as Joi's pattern errors do (Joi is a Standard Schema, vendor "joi").
      const validationSchema = {
        '~standard': {
          version: 1 as const,
          vendor: 'joi',
          validate: (value: unknown) => {
            const v = value as Record<string, string>;
            return { issues: [{ message: `"DB_PASSWORD" with value "${v.DB_PASSWORD}" fails to match the required pattern; url ${v.DATABASE_URL}` }] };
          },
        },
      };
      const e = await compile({ ...base(), envFilePath, validationSchema }).then(() => undefined, (x: unknown) => x);
      expect(e).toBeInstanceOf(Error);
      const err = e as Error;
      expect(err.message).toContain('"DB_PASSWORD" with value "[secret]" fails to match the required pattern; url [secret]');
      expect(canaryIn(err.message, String(err.stack), inspect(err, { depth: Infinity, showHidden: true }), JSON.stringify(err))).toBe(false);
    });

    it('strips resolved values from an error thrown by a validate function', async () => {
      const envFilePath = writeEnvFile(ENV_FILE);
      const thrown = await compile({ ...base(), envFilePath, validate: (env) => { throw new Error(`bad API_KEY ${String(env.API_KEY)}`); } }).then(() => undefined, (x: unknown) => x);
      expect((thrown as Error).message).toBe('bad API_KEY [secret]');
      expect(canaryIn(inspect(thrown, { depth: Infinity, showHidden: true }))).toBe(false);
    });

    it('rejects with SecretResolutionError listing every denied secret, and writes nothing', async () => {
      const envFilePath = writeEnvFile(`${ENV_FILE}\nDENIED_ONE=secretsmanager:app/denied-1\nDENIED_TWO=secretsmanager:app/denied-2`);
      process.env.FROM_ENV = 'secretsmanager:app/from-env';
      const before = { ...process.env };
      const e = await rejection(compile({ ...base(RESTRICTED), envFilePath }));
      expect(e.issues.map((i) => [i.keys.join(','), i.code])).toEqual([
        ['DENIED_ONE', 'SECRET_ACCESS_DENIED'],
        ['DENIED_TWO', 'SECRET_ACCESS_DENIED'],
      ]);
      expect(e.message).toContain(`arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-1-??????`);
      expect(e.message).toContain(`arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-2-??????`);
      expect(process.env).toEqual(before);
      expect(canaryIn(e.message, JSON.stringify(e), String(e.stack))).toBe(false);
    });

    it('makes NestFactory.create reject before any provider of the app is created', async () => {
      const envFilePath = writeEnvFile('DENIED_ONE=secretsmanager:app/denied-1');
      let created = 0;
      @Injectable()
      class Listener {
        constructor() {
          created++;
        }
      }
      @Module({ imports: [SecretrefModule.forRoot({ ...base(RESTRICTED), envFilePath })], providers: [Listener] })
      class AppModule {}
      const e = await rejection(NestFactory.create(AppModule, { abortOnError: false, logger: false }));
      expect(e.issues.map((i) => i.code)).toEqual(['SECRET_ACCESS_DENIED']);
      expect(created).toBe(0);
    });

    it('leaves an optional key that failed unset and reports the app as degraded', async () => {
      const envFilePath = writeEnvFile('API_KEY=secretsmanager:app/api-key\nDENIED_ONE=secretsmanager:app/denied-1');
      const { config, secretref, close } = await compile({ ...base(RESTRICTED), envFilePath, optional: ['DENIED_ONE'] });
      expect(config.get('API_KEY')).toBe(EXPECTED.API_KEY);
      expect(config.get('DENIED_ONE')).toBeUndefined();
      expect(process.env.DENIED_ONE).toBeUndefined();
      expect(secretref.healthy).toBe(false);
      expect(secretref.health().status).toBe('degraded');
      expect(secretref.report.warnings.map((w) => w.code)).toEqual(['SECRET_ACCESS_DENIED']);
      await close();
    });
  });

  describe('Service: SecretrefService', () => {
    it('injects into an app provider and exposes the report without any value', async () => {
      const envFilePath = writeEnvFile(ENV_FILE);
      @Injectable()
      class Health {
        constructor(@Inject(SecretrefService) readonly secretref: SecretrefService) {}
      }
      const moduleRef = await Test.createTestingModule({ imports: [SecretrefModule.forRoot({ ...base(), envFilePath })], providers: [Health] }).compile();
      const { secretref } = moduleRef.get(Health);
      expect(secretref.healthy).toBe(true);
      expect(secretref.report.resolved.map((r) => r.key).sort()).toEqual(['API_KEY', 'DATABASE_URL', 'DATABASE_URL', 'DB_PASSWORD', 'DB_PASSWORD_PREVIOUS', 'DB_USER']);
      expect(canaryIn(JSON.stringify(secretref.health()), secretref.format({ showResolved: true }))).toBe(false);
      await moduleRef.close();
    });
  });

  describe('Method: forRootAsync', () => {
    const CLIENT = 'SECRETS_CLIENT';

    function clientModule(accessKeyId: string) {
      @Module({ providers: [{ provide: CLIENT, useFactory: () => clientFor(emu.endpoint, accessKeyId) }], exports: [CLIENT] })
      class ClientModule {}
      return ClientModule;
    }

    it('takes its options from the container and the exported ConfigService sees resolved values', async () => {
      const envFilePath = writeEnvFile(ENV_FILE);
      @Injectable()
      class Consumer {
        readonly password: unknown;
        constructor(@Inject(ConfigService) config: ConfigService) {
          this.password = config.get('DB_PASSWORD');
        }
      }
      const moduleRef = await Test.createTestingModule({
        imports: [
          SecretrefModule.forRootAsync({
            imports: [clientModule(ADMIN)],
            inject: [CLIENT],
            useFactory: (client: ReturnType<typeof clientFor>) => ({ client, envFilePath, logReport: false, validate: (env) => ({ ...env, CHECKED: 42 }) }),
            isGlobal: true,
          }),
        ],
        providers: [Consumer],
      }).compile();
      expect(moduleRef.get(Consumer).password).toBe(EXPECTED.DB_PASSWORD);
      const config = moduleRef.get(ConfigService);
      expect(config.get('DATABASE_URL')).toBe(EXPECTED.DATABASE_URL);
      // A number: served from the validated env, not from process.env (strings only).
      expect(config.get('CHECKED')).toBe(42);
      expect(moduleRef.get(SecretrefService).healthy).toBe(true);
      expect(placeholdersInProcessEnv()).toEqual([]);
      await moduleRef.close();
    });

    it('runs a SecretrefModule.forFeature factory after the resolution, so it never sees a placeholder', async () => {
      const envFilePath = writeEnvFile('DB_PASSWORD=secretsmanager:app/db:password');
      process.env.API_KEY = 'secretsmanager:app/api-key';
      const seen: Array<string | undefined> = [];
      const app = registerAs('app', () => {
        seen.push(process.env.DB_PASSWORD, process.env.API_KEY);
        return { password: process.env.DB_PASSWORD, apiKey: process.env.API_KEY };
      });
      @Module({ imports: [SecretrefModule.forFeature(app)] })
      class Feature {}
      const moduleRef = await Test.createTestingModule({
        imports: [
          SecretrefModule.forRootAsync({
            imports: [clientModule(ADMIN)],
            inject: [CLIENT],
            useFactory: (client: ReturnType<typeof clientFor>) => ({ client, envFilePath, logReport: false }),
            isGlobal: true,
          }),
          Feature,
        ],
      }).compile();
      expect(seen).toEqual([EXPECTED.DB_PASSWORD, EXPECTED.API_KEY]);
      expect(moduleRef.get(ConfigService).get('app')).toEqual({ password: EXPECTED.DB_PASSWORD, apiKey: EXPECTED.API_KEY });
      await moduleRef.close();
    });

    it('refuses to compile SecretrefModule.forFeature when forRootAsync is not global, instead of racing it', async () => {
      @Module({ imports: [SecretrefModule.forFeature(registerAs('app', () => ({ password: process.env.DB_PASSWORD })))] })
      class Feature {}
      const compiled = Test.createTestingModule({
        imports: [SecretrefModule.forRootAsync({ useFactory: () => ({ client: clientFor(emu.endpoint, ADMIN), ignoreEnvFile: true, logReport: false }) }), Feature],
      }).compile();
      await expect(compiled).rejects.toThrow(/SECRETREF_REPORT/);
    });

    it('fails the container with SecretResolutionError listing every denied secret', async () => {
      const envFilePath = writeEnvFile('DENIED_ONE=secretsmanager:app/denied-1\nDENIED_TWO=secretsmanager:app/denied-2\nAPI_KEY=secretsmanager:app/api-key');
      const e = await rejection(
        Test.createTestingModule({
          imports: [
            SecretrefModule.forRootAsync({
              imports: [clientModule(RESTRICTED)],
              inject: [CLIENT],
              useFactory: (client: ReturnType<typeof clientFor>) => ({ client, envFilePath, logReport: false }),
            }),
          ],
        }).compile(),
      );
      expect(e.issues.map((i) => i.keys[0])).toEqual(['DENIED_ONE', 'DENIED_TWO']);
      expect(process.env.API_KEY).toBeUndefined();
    });
  });
});
