import express5 from 'express';
import express4 from 'express4';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getSecretrefState, healthRouter, isSecretResolutionError, secretref, type BootLogger } from '../src/index.js';

let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
});
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  vi.restoreAllMocks();
});

function recorder(): BootLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (m) => lines.push(`log ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

describe.each([
  ['Express 5', express5],
  ['Express 4', express4],
] as const)('Function: secretref, no network (%s)', (_name, express) => {
  it('with no reference: stores the state and logs the report header once', async () => {
    const app = express();
    const logger = recorder();
    const { report } = await secretref(app, { envFilePath: false, logger, region: 'us-east-1' });
    expect(report.references).toBe(0);
    expect(getSecretrefState(app)).toEqual({ healthy: true, report });
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^log secretref: 0 of 0 references resolved · 0 secrets · no API calls/);
    app.use(healthRouter());
    await request(app).get('/health/secrets').expect(200);
  });

  it('by default prints the report once to logger.error and exits 1 on failure', async () => {
    process.env.BROKEN = 'secretsmanager:';
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const logger = recorder();
    await expect(secretref(express(), { envFilePath: false, logger, region: 'us-east-1' })).rejects.toThrow('exit 1');
    expect(exit).toHaveBeenCalledWith(1);
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatch(/^error secretref: 0 of 0 references resolved/);
    expect(logger.lines[0]).toContain('BROKEN');
    expect(logger.lines[0]).toContain('INVALID_REFERENCE');
  });

  it('with exitOnError false: rejects with SecretResolutionError, prints nothing, writes no config', async () => {
    process.env.BROKEN = 'secretsmanager:';
    const logger = recorder();
    const app = express();
    const e = await secretref(app, { envFilePath: false, logger, exitOnError: false, region: 'us-east-1' }).then(() => undefined, (x: unknown) => x);
    expect(isSecretResolutionError(e)).toBe(true);
    expect(logger.lines).toEqual([]);
    expect(app.get('config')).toBeUndefined();
    expect(getSecretrefState(app)?.healthy).toBe(false);
    expect(process.env.BROKEN).toBe('secretsmanager:');
  });
});

describe('Function: healthRouter', () => {
  it('refuses a path that does not start with "/"', () => {
    expect(() => healthRouter({ path: 'health' })).toThrow(TypeError);
  });
});
