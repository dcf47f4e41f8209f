import { GetSecretValueCommand, ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmulatorConfigError, startEmulator, type EmulatorHandle, type EmulatorLogEntry } from '../src/index.js';
import { failure, rawCall, smClient } from './helpers.js';

let emulator: EmulatorHandle;
let logs: EmulatorLogEntry[];

beforeEach(async () => {
  logs = [];
  emulator = await startEmulator({ seed: { secrets: [{ name: 'a', value: '1' }] }, log: (e) => logs.push(e) });
});
afterEach(() => emulator.stop());

const get = () => rawCall(emulator.endpoint, 'secretsmanager.GetSecretValue', '{"SecretId":"a"}');
const list = () => rawCall(emulator.endpoint, 'secretsmanager.ListSecrets', '{}');

/** Writes raw bytes on a fresh socket; resolves with what came back once the server closes it (or `destroyAfterMs` passes). */
function rawSocket(port: number, data: string, destroyAfterMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => socket.destroy(), destroyAfterMs);
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.write(data);
  });
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Faults: latency', () => {
  it('adds a fixed latency to every request, an operation entry overriding "*"', async () => {
    emulator.setFaults({ '*': { latencyMs: 120 }, ListSecrets: { latencyMs: 0 } });
    let started = performance.now();
    await get();
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    started = performance.now();
    await list();
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe('Faults: throttling and server errors', () => {
  it('throttles the first N requests; the SDK retries and succeeds on the third attempt', async () => {
    emulator.setFaults({ GetSecretValue: { throttle: { first: 2 } } });
    const sm = smClient(emulator.endpoint, 'AKID', 3);
    const out = await sm.send(new GetSecretValueCommand({ SecretId: 'a' }));
    expect(out.SecretString).toBe('1');
    expect(out.$metadata.attempts).toBe(3);
    expect(emulator.stats()).toMatchObject({ total: 3, byOperation: { GetSecretValue: 3 }, faults: { throttle: 2 }, valuesReturned: 1 });
    sm.destroy();
  }, 15_000);

  it('answers ThrottlingException with HTTP 400', async () => {
    emulator.setFaults({ '*': { throttle: { first: 1 } } });
    const sm = smClient(emulator.endpoint);
    expect(await failure(sm.send(new ListSecretsCommand({})))).toEqual({ name: 'ThrottlingException', message: 'Rate exceeded', status: 400, attempts: 1 });
    sm.destroy();
  });

  it('answers InternalServiceError with HTTP 500, which the SDK retries', async () => {
    emulator.setFaults({ GetSecretValue: { internalError: { first: 1 } } });
    const once = smClient(emulator.endpoint);
    expect(await failure(once.send(new GetSecretValueCommand({ SecretId: 'a' })))).toMatchObject({ name: 'InternalServiceError', status: 500 });
    emulator.reset();
    const retrying = smClient(emulator.endpoint, 'AKID', 3);
    expect((await retrying.send(new GetSecretValueCommand({ SecretId: 'a' }))).$metadata.attempts).toBe(2);
    once.destroy();
    retrying.destroy();
  });

  it('faults a deterministic fraction of requests', async () => {
    emulator.setFaults({ '*': { throttle: { fraction: 0.5 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await get()).status);
    expect(statuses).toEqual([200, 400, 200, 400, 200, 400]);
  });

  it('combines first and fraction, and the highest-priority fault wins', async () => {
    emulator.setFaults({ '*': { throttle: { first: 3 }, internalError: { first: 1 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await get()).status);
    expect(statuses).toEqual([500, 400, 400, 200]);
    expect(emulator.stats().faults).toEqual({ reset: 0, hang: 0, internalError: 1, throttle: 2 });
  });
});

describe('Faults: connection reset and hang', () => {
  it('destroys the connection without an answer', async () => {
    emulator.setFaults({ GetSecretValue: { reset: { first: 1 } } });
    await expect(get()).rejects.toThrow();
    expect((await get()).status).toBe(200);
    expect(emulator.stats().faults.reset).toBe(1);
    expect(logs.find((e) => e.kind === 'request' && e.fault === 'reset')).toMatchObject({ operation: 'GetSecretValue' });
  });

  it('never answers a hung request, and stop() still finishes promptly', async () => {
    emulator.setFaults({ '*': { hang: { first: 1 } } });
    const hung = get().then(() => 'answered', () => 'failed');
    await until(() => emulator.stats().faults.hang === 1);
    const race = await Promise.race([hung, new Promise((r) => setTimeout(() => r('pending'), 200))]);
    expect(race).toBe('pending');
    const started = performance.now();
    await emulator.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hung).toBe('failed');
  });

  it('stops promptly while a request waits out a long latency and with kept-alive SDK sockets', async () => {
    const sm = smClient(emulator.endpoint);
    await sm.send(new ListSecretsCommand({}));
    emulator.setFaults({ '*': { latencyMs: 60_000 } });
    const waiting = get().then(() => 'answered', () => 'failed');
    await until(() => emulator.stats().total === 2);
    const started = performance.now();
    await emulator.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await waiting).toBe('failed');
    sm.destroy();
  });
});

describe('Requests the client abandons', () => {
  it('does not run an operation whose body never fully arrived (it used to run with an empty body)', async () => {
    const head = 'POST / HTTP/1.1\r\nHost: x\r\nx-amz-target: secretsmanager.ListSecrets\r\ncontent-length: 100\r\n\r\n{"Max';
    expect(await rawSocket(emulator.port, head, 100)).toBe('');
    await until(() => logs.some((e) => e.kind === 'request'));
    expect(logs.filter((e) => e.kind === 'request')).toEqual([expect.objectContaining({ operation: 'ListSecrets' })]);
    expect(logs[0]).not.toHaveProperty('status');
    expect(emulator.stats()).toMatchObject({ total: 1, byOperation: { ListSecrets: 1 } });
  });
});

describe('Requests the HTTP parser rejects', () => {
  it('counts and logs a malformed HTTP request under (unknown), answering 400', async () => {
    const answer = await rawSocket(emulator.port, 'POST / HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(emulator.stats()).toMatchObject({ total: 1, byOperation: { '(unknown)': 1 } });
    expect(logs).toEqual([expect.objectContaining({ kind: 'request', operation: '(unknown)', caller: 'anonymous', status: 400 })]);
  });

  it('counts a request whose chunked body is malformed once, under its operation', async () => {
    const bad = 'POST / HTTP/1.1\r\nHost: x\r\nx-amz-target: secretsmanager.ListSecrets\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n';
    expect(await rawSocket(emulator.port, bad)).toMatch(/^HTTP\/1\.1 400 /);
    await until(() => logs.length > 0);
    expect(emulator.stats()).toMatchObject({ total: 1, byOperation: { ListSecrets: 1 } });
    expect((await list()).status).toBe(200);
  });
});

describe('Faults: configuration and counters', () => {
  it('rejects an invalid fault configuration listing every problem', () => {
    let error: unknown;
    try {
      emulator.setFaults({ GetSecret: {}, '*': { throttle: { first: -1, fraction: 2 }, latencyMs: 'slow' } } as never);
    } catch (e) {
      error = e;
    }
    expect(EmulatorConfigError.isInstance(error)).toBe(true);
    expect((error as EmulatorConfigError).issues.map((i) => i.path)).toEqual([
      'faults.GetSecret', 'faults.*.latencyMs', 'faults.*.throttle.first', 'faults.*.throttle.fraction',
    ]);
  });

  it('counts every request by operation, including unknown and faulted ones, until reset()', async () => {
    emulator.setFaults({ ListSecrets: { throttle: { first: 1 } } });
    await get();
    await list();
    await list();
    await rawCall(emulator.endpoint, 'secretsmanager.Nope', '{}');
    expect(emulator.stats()).toEqual({
      total: 4,
      byOperation: { GetSecretValue: 1, ListSecrets: 2, '(unknown)': 1 },
      secretReads: 1,
      valuesReturned: 1,
      faults: { reset: 0, hang: 0, internalError: 0, throttle: 1 },
    });
    emulator.reset();
    expect(emulator.stats()).toEqual({ total: 0, byOperation: {}, secretReads: 0, valuesReturned: 0, faults: { reset: 0, hang: 0, internalError: 0, throttle: 0 } });
    expect((await list()).status).toBe(400);
  });

  it('takes faults from the seed, the start option replacing them', async () => {
    const seeded = await startEmulator({ seed: { faults: { '*': { throttle: { first: 1 } } } } });
    const overridden = await startEmulator({ seed: { faults: { '*': { throttle: { first: 1 } } } }, faults: {} });
    expect((await rawCall(seeded.endpoint, 'secretsmanager.ListSecrets', '{}')).status).toBe(400);
    expect((await rawCall(overridden.endpoint, 'secretsmanager.ListSecrets', '{}')).status).toBe(200);
    await Promise.all([seeded.stop(), overridden.stop()]);
  });
});
