import 'reflect-metadata';
import { inspect } from 'node:util';
import { ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { isSecretResolutionError } from '@secretref/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SecretrefModule, SecretrefService, type SecretrefModuleOptions } from '../src/index.js';

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

const quiet: SecretrefModuleOptions = { ignoreEnvFile: true, logReport: false, region: 'us-east-1' };

describe('Module: SecretrefModule (no network)', () => {
  it('compiles with no reference at all and serves ConfigService and a healthy, empty report', async () => {
    process.env.PLAIN_VALUE = 'plain';
    const moduleRef = await Test.createTestingModule({ imports: [SecretrefModule.forRoot(quiet)] }).compile();
    expect(moduleRef.get(ConfigService).get('PLAIN_VALUE')).toBe('plain');
    const service = moduleRef.get(SecretrefService);
    expect(service.report.references).toBe(0);
    expect(service.health().status).toBe('ok');
    await moduleRef.close();
  });

  it('rejects an option it cannot honour, naming it', async () => {
    await expect(SecretrefModule.forRoot({ ...quiet, expandVariables: true } as SecretrefModuleOptions)).rejects.toThrow(/expandVariables/);
  });

  it('gives SecretResolutionError an inspect form that is the report once, without stack frames', async () => {
    process.env.BROKEN = 'secretsmanager:';
    const e = await SecretrefModule.forRoot(quiet).then(() => undefined, (x: unknown) => x);
    expect(isSecretResolutionError(e)).toBe(true);
    const text = inspect(e);
    expect(text).toBe(`SecretResolutionError: ${(e as Error).message}`);
    expect(text).toContain('INVALID_REFERENCE');
    expect(text).not.toMatch(/^\s+at /m);
  });

  it('does not let a fast rejection count as unhandled before Nest awaits it', async () => {
    process.env.BROKEN = 'secretsmanager:';
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const pending = SecretrefModule.forRoot(quiet);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).not.toHaveBeenCalled();
      await expect(pending).rejects.toMatchObject({ name: 'SecretResolutionError' });
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
