import 'reflect-metadata';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { isSecretResolutionError, type SecretResolutionError } from '@secretref/core';
import { startEmulator, type EmulatorHandle } from '@secretref/emulator';
import { secretrefLoad } from '@secretref/nestjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from '../fixtures/clients.js';
import { ADMIN, CANARY, ENV_FILE, EXPECTED, RESTRICTED, SEED, placeholdersInProcessEnv, restoreEnvAfterEach, writeEnvFile } from './support.js';

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
});
afterAll(async () => emu?.stop());
restoreEnvAfterEach();

describe('Function: secretrefLoad', () => {
  it('resolves the references ConfigModule copied from .env into process.env, for ConfigService.get', async () => {
    const envFilePath = writeEnvFile(ENV_FILE);
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ envFilePath, load: [secretrefLoad({ client: clientFor(emu.endpoint, ADMIN), logReport: false })] })],
    }).compile();
    const config = moduleRef.get(ConfigService);
    for (const [key, value] of Object.entries(EXPECTED)) expect(config.get(key)).toBe(value);
    expect(placeholdersInProcessEnv()).toEqual([]);
    await moduleRef.close();
  });

  it('resolves a config object, also under registerAs', async () => {
    const load = secretrefLoad({
      client: clientFor(emu.endpoint, ADMIN),
      logReport: false,
      config: () => ({ password: 'secretsmanager:app/db:password', pool: { url: 'postgres://u:{{resolve:secretsmanager:app/db:SecretString:password}}@db/app', size: 5 } }),
    });
    const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [registerAs('db', load)] })] }).compile();
    const config = moduleRef.get(ConfigService);
    expect(config.get('db.password')).toBe(`${CANARY}-db-pw`);
    expect(config.get('db.pool')).toEqual({ url: `postgres://u:${CANARY}-db-pw@db/app`, size: 5 });
    await moduleRef.close();
  });

  it('fails the container with every issue and leaves process.env as it was', async () => {
    process.env.DENIED_ONE = 'secretsmanager:app/denied-1';
    process.env.DENIED_TWO = 'secretsmanager:app/denied-2';
    process.env.API_KEY = 'secretsmanager:app/api-key';
    const before = { ...process.env };
    const e = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [secretrefLoad({ client: clientFor(emu.endpoint, RESTRICTED), logReport: false })] })],
    })
      .compile()
      .then(() => undefined, (x: unknown) => x);
    expect(isSecretResolutionError(e)).toBe(true);
    expect((e as SecretResolutionError).issues.map((i) => i.keys[0])).toEqual(['DENIED_ONE', 'DENIED_TWO']);
    expect(process.env).toEqual(before);
  });
});
