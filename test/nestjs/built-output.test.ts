import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SecretrefModule, SecretrefService } from '@secretref/nestjs';
import { describe, expect, it } from 'vitest';
import { restoreEnvAfterEach } from './support.js';

restoreEnvAfterEach();

/** Boots a context on the CJS build, injecting SecretrefService into a class typed only by metadata. */
const CJS_PROGRAM = `
require('reflect-metadata');
const { Injectable, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const nest = require('@secretref/nestjs');
(async () => {
  class Probe { constructor(s) { this.s = s; } }
  Reflect.defineMetadata('design:paramtypes', [nest.SecretrefService], Probe);
  Injectable()(Probe);
  class AppModule {}
  Module({ imports: [nest.SecretrefModule.forRoot({ ignoreEnvFile: true, logReport: false })], providers: [Probe] })(AppModule);
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  console.log(JSON.stringify({
    paramtypes: (Reflect.getMetadata('design:paramtypes', nest.SecretrefService) || []).map((t) => t.name),
    injected: app.get(Probe).s instanceof nest.SecretrefService,
    ok: app.get(Probe).s.report.ok,
  }));
  await app.close();
})();
`;

describe('The built @secretref/nestjs', () => {
  it('carries decorator metadata in the ESM build, and Nest injects SecretrefService by type', async () => {
    expect(Reflect.getMetadata('design:paramtypes', SecretrefService)).toEqual([Object]);
    // Probe is typed by its own metadata (compiled by swc here): Nest resolves SecretrefService from it.
    @Injectable()
    class Probe {
      constructor(readonly secretref: SecretrefService) {}
    }
    @Module({ imports: [SecretrefModule.forRoot({ ignoreEnvFile: true, logReport: false })], providers: [Probe] })
    class AppModule {}
    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    expect(app.get(Probe).secretref).toBeInstanceOf(SecretrefService);
    expect(app.get(Probe).secretref.report.references).toBe(0);
    await app.close();
  });

  it('carries decorator metadata in the CJS build, and Nest injects through it from require()', async () => {
    const entry = createRequire(import.meta.url).resolve('@secretref/nestjs');
    expect(entry).toMatch(/dist[\\/]index\.cjs$/);
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', CJS_PROGRAM], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    expect(JSON.parse(stdout)).toEqual({ paramtypes: ['Object'], injected: true, ok: true });
  });
});
