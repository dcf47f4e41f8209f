// Also used by test/reliability/malformed-responses.test.ts.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  target: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

export type FakeHandler = (req: FakeRequest, res: ServerResponse, n: number) => void;

/**
 * A minimal awsJson1_1 endpoint on loopback for driving the real SDK client over real HTTP
 * (retries, hangs, malformed bodies). The full emulator lives in @secretref/emulator.
 */
export async function startFake(handler: FakeHandler): Promise<{ endpoint: string; requests: FakeRequest[]; close(): Promise<void> }> {
  const requests: FakeRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const r: FakeRequest = { target: String(req.headers['x-amz-target'] ?? ''), body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: req.headers };
      requests.push(r);
      open.add(res);
      res.on('close', () => open.delete(res));
      handler(r, res, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'fake-request-id' });
  res.end(JSON.stringify(body));
}

/** A BatchGetSecretValue answer with every requested id resolved to `value-of-<id>`. */
export function answerAll(req: FakeRequest, res: ServerResponse): void {
  const ids = (req.body.SecretIdList as string[] | undefined) ?? [String(req.body.SecretId)];
  const entries = ids.map((id) => ({
    ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${id}-AbCdEf`,
    Name: id,
    VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa',
    SecretString: `value-of-${id}`,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: 1700591229.801,
  }));
  json(res, 200, req.target.endsWith('BatchGetSecretValue') ? { SecretValues: entries, Errors: [] } : entries[0]);
}
