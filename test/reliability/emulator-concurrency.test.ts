import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startEmulator } from '@secretref/emulator';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The benchmark drives the emulator with up to 50 concurrent delayed requests. Each delayed
 * request adds an abort listener to one shared signal, so past 10 Node warns of a leak.
 */
describe('Emulator under concurrent delayed requests', () => {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => void warnings.push(w);
  afterEach(() => void process.off('warning', onWarning));

  it('serves 20 concurrent requests with injected latency without a MaxListenersExceededWarning', async () => {
    process.on('warning', onWarning);
    const emu = await startEmulator({ seed: { secrets: [{ name: 'a', value: 'x' }] }, faults: { '*': { latencyMs: 30 } } });
    const client = new SecretsManagerClient({ endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIACONCURRENT', secretAccessKey: 'x' } });
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => client.send(new GetSecretValueCommand({ SecretId: 'a' }))));
      expect(answers.map((a) => a.SecretString)).toEqual(Array(20).fill('x'));
    } finally {
      client.destroy();
      await emu.stop();
    }
    await new Promise<void>((r) => setImmediate(r));
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning').map((w) => w.message)).toEqual([]);
  });
});
