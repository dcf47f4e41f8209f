import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startEmulator } from '@secretref/emulator';
import type { PolicyDocument } from '@secretref/core/iam';

export type BackendName = 'emulator' | 'moto';

export interface Backend {
  readonly name: BackendName;
  readonly endpoint: string;
  stop(): Promise<void>;
}

export const ACCOUNT = '123456789012'; // moto's default account
export const MOTO_INSTALL = "pip install 'moto[server]==5.2.1'";

/** Access keys the scenarios use. moto ignores them (IAM off); the emulator gives each a policy. */
export const KEYS = { admin: 'AKIAADMIN', batchOnly: 'AKIABATCHONLY', batchGet: 'AKIABATCHGET', stranger: 'AKIASTRANGER' } as const;

// The write-up's two policies (shared/seeds), with the account moved to moto's default account.
const writeupResources = ['SecretOne', 'SecretTwo', 'SecretThree'].map((n) => `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${n}-??????`);
export const WRITEUP_POLICY_1: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: '*' }],
};
export const WRITEUP_POLICY_2: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:ListSecrets'], Resource: ['*'] },
    { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: writeupResources },
  ],
};

/** The Python that runs moto: `SECRETREF_PYTHON`, default `python3`. */
export const PYTHON = process.env['SECRETREF_PYTHON'] ?? 'python3';

/** True when `<python> -m moto.server` can run here. */
export function motoAvailable(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import moto.server, flask, werkzeug'], { stdio: 'ignore' });
  return probe.status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'x-amz-target': 'secretsmanager.ListSecrets', 'content-type': 'application/x-amz-json-1.1' },
        body: '{}',
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto did not answer on ${endpoint} within ${timeoutMs} ms`);
}

async function startMoto(): Promise<Backend> {
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilAnswering(endpoint, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name: 'moto',
    endpoint,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function startEmulatorBackend(): Promise<Backend> {
  const emulator = await startEmulator({
    seed: {
      accountId: ACCOUNT,
      callers: [
        { accessKeyId: KEYS.admin, arn: `arn:aws:iam::${ACCOUNT}:role/admin`, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
        { accessKeyId: KEYS.batchOnly, arn: `arn:aws:iam::${ACCOUNT}:role/batch-only`, policy: WRITEUP_POLICY_1 },
        { accessKeyId: KEYS.batchGet, arn: `arn:aws:iam::${ACCOUNT}:role/batch-get`, policy: WRITEUP_POLICY_2 },
      ],
    },
  });
  return { name: 'emulator', endpoint: emulator.endpoint, stop: () => emulator.stop() };
}

export function startBackend(name: BackendName): Promise<Backend> {
  return name === 'moto' ? startMoto() : startEmulatorBackend();
}

export function client(endpoint: string, accessKeyId: string = KEYS.admin): SecretsManagerClient {
  return new SecretsManagerClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'x' }, maxAttempts: 1 });
}

export interface Failure {
  readonly name: string;
  readonly message: string;
  readonly status: number | undefined;
}

export async function failure(call: Promise<unknown>): Promise<Failure> {
  try {
    await call;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** A hand-made request, for what the SDK would never send or to see the wire. */
export async function raw(endpoint: string, target: string, body: string): Promise<{ status: number; contentType: string | null; json: Record<string, unknown> | undefined }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=${KEYS.admin}/20260101/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), json };
}
