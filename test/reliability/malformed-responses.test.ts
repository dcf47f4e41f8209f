import type { ServerResponse } from 'node:http';
import { isSecretResolutionError, resolveEnv, type SecretResolutionError } from '@secretref/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { json, startFake, type FakeRequest } from '../../packages/core/test/helpers/http-fake.js';
import { errorOutputs, leak } from './helpers/outputs.js';
import { trackUnhandledRejections } from './helpers/unhandled.js';

/** Every body below carries this; no output may. */
const CANARY = 'CANARY-malformed-9c1e';
const BATCH_ENV = { A: 'secretsmanager:a', B: 'secretsmanager:b:key' };
const PINNED_ENV = { P: 'secretsmanager:p::AWSPREVIOUS' };

type Handler = (req: FakeRequest, res: ServerResponse, n: number) => void;
const body = (status: number, text: string, type = 'application/x-amz-json-1.1'): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': type, 'x-amzn-requestid': 'fake-request-id' });
  res.end(text);
};
const answer = (value: unknown): Handler => (_req, res) => json(res, 200, value);
const entry = (name: string, extra: Record<string, unknown> = {}) => ({ ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`, Name: name, VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa', ...extra });
const HTML = `<html><head><title>502 Bad Gateway</title></head><body>${CANARY}</body></html>`;

interface Case {
  name: string;
  handler: Handler;
  env?: Record<string, string>;
  /** Expected issue code per key. */
  codes: Record<string, string>;
  /** The first issue's message (plus hint) must match. */
  says: RegExp;
  /** The first issue's message (plus hint) must not match. */
  saysNot?: RegExp;
  /** Requests the fake must have seen (paging loops). */
  requests?: number;
}

const BATCH: Case[] = [
  { name: 'a 200 answer with neither SecretValues nor Errors', handler: answer({}), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'an empty 200 body', handler: body(200, ''), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'SecretValues that is an object, not a list', handler: answer({ SecretValues: { a: entry('a', { SecretString: CANARY }) } }), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /SecretValues|response/ },
  { name: 'Errors that is a string, not a list', handler: answer({ SecretValues: [], Errors: CANARY }), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /Errors|response/ },
  { name: 'entries with neither Name nor ARN', handler: answer({ SecretValues: [{ SecretString: CANARY }, { SecretString: `{"key":"${CANARY}"}` }] }), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'values for secrets that were not asked for', handler: answer({ SecretValues: [entry('zzz', { SecretString: CANARY })] }), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'Errors entries without a SecretId', handler: answer({ Errors: [{ ErrorCode: 'AccessDeniedException', Message: 'denied' }] }), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'SecretString of the wrong type (number, list)', handler: answer({ SecretValues: [entry('a', { SecretString: 12345 }), entry('b', { SecretString: [CANARY] })] }), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /SecretString|response/ },
  { name: 'Name of the wrong type', handler: answer({ SecretValues: [{ Name: 42, SecretString: CANARY }] }), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'a JSON string body', handler: answer(CANARY), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'a JSON null body', handler: body(200, 'null'), codes: { A: 'MISSING_FROM_RESPONSE', B: 'MISSING_FROM_RESPONSE' }, says: /neither a value nor an error/ },
  { name: 'an HTML error page (HTTP 502)', handler: body(502, HTML, 'text/html'), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /HTTP 502 with a body that is not a Secrets Manager JSON response/ },
  { name: 'an HTML page with HTTP 200', handler: body(200, HTML, 'text/html'), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /not a Secrets Manager JSON response|reading the response/ },
  { name: 'a truncated JSON body', handler: body(200, `{"SecretValues":[{"Name":"a","SecretString":"${CANARY}`), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /not a Secrets Manager JSON response|reading the response/ },
  { name: 'an error with an unknown __type and no message (HTTP 400)', handler: (_q, res) => json(res, 400, { __type: 'WeirdException' }), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /WeirdException/ },
  { name: 'NextToken of the wrong type', handler: answer({ SecretValues: [], NextToken: 12345 }), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /NextToken|response/ },
  {
    name: 'a body cut off before its announced Content-Length, then the connection closed',
    handler: (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': '4096' });
      res.write(`{"SecretValues":[{"Name":"a","SecretString":"${CANARY}`);
      setTimeout(() => res.destroy(), 20);
    },
    // The connection died mid-answer: a network failure, not a body to interpret.
    codes: { A: 'NETWORK_ERROR', B: 'NETWORK_ERROR' },
    says: /ECONNRESET/,
  },
  { name: 'Errors entries with an ErrorCode of the wrong type', handler: answer({ Errors: [{ SecretId: 'a', ErrorCode: 42 }, { SecretId: 'b', ErrorCode: { x: CANARY } }] }), codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' }, says: /UnknownError/ },
  {
    name: 'the same NextToken on every page',
    handler: answer({ SecretValues: [entry('zzz', { SecretString: CANARY })], NextToken: 'same-token' }),
    codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' },
    says: /NextToken/,
    // Two pages were read: the message must not claim fifty.
    saysNot: /50 pages/,
    requests: 2,
  },
  {
    name: 'a new NextToken on every page, forever',
    handler: (_q, res, n) => json(res, 200, { SecretValues: [], NextToken: `token-${n}` }),
    codes: { A: 'AWS_ERROR', B: 'AWS_ERROR' },
    says: /NextToken after 50 pages/,
    requests: 50,
  },
];

const PINNED: Case[] = [
  { name: 'GetSecretValue: a 200 answer with no value', handler: answer({ Name: 'p' }), env: PINNED_ENV, codes: { P: 'AWS_ERROR' }, says: /no readable SecretString or SecretBinary/ },
  { name: 'GetSecretValue: SecretString of the wrong type', handler: answer(entry('p', { SecretString: { x: CANARY } })), env: PINNED_ENV, codes: { P: 'AWS_ERROR' }, says: /SecretString|response/ },
  { name: 'GetSecretValue: an HTML error page (HTTP 503)', handler: body(503, HTML, 'text/html'), env: PINNED_ENV, codes: { P: 'AWS_ERROR' }, says: /HTTP 503 with a body that is not a Secrets Manager JSON response/ },
  { name: 'GetSecretValue: a truncated body', handler: body(200, `{"Name":"p","SecretString":"${CANARY}`), env: PINNED_ENV, codes: { P: 'AWS_ERROR' }, says: /not a Secrets Manager JSON response|reading the response/ },
];

const unhandled = trackUnhandledRejections();
let fake: Awaited<ReturnType<typeof startFake>> | undefined;
beforeAll(() => unhandled.install());
afterAll(() => unhandled.uninstall());
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('Malformed responses from a fake Secrets Manager, through the real SDK client', () => {
  for (const c of [...BATCH, ...PINNED]) {
    it(`${c.name} → ${[...new Set(Object.values(c.codes))].join(', ')}, never a crash, never a value from the body`, async () => {
      fake = await startFake(c.handler);
      const env = { ...(c.env ?? BATCH_ENV) };
      const e = await resolveEnv(env, {
        clientConfig: { endpoint: fake.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }, maxAttempts: 1 },
        timeoutMs: 5000,
      }).then(() => undefined, (x: unknown) => x);
      expect(isSecretResolutionError(e), `resolved, or failed with something else: ${String(e)}`).toBe(true);
      const err = e as SecretResolutionError;
      expect(Object.fromEntries(err.issues.flatMap((i) => i.keys.map((k) => [k, i.code])))).toEqual(c.codes);
      const said = `${err.issues[0]?.message}\n${err.issues[0]?.hint ?? ''}`;
      expect(said).toMatch(c.says);
      if (c.saysNot) expect(said).not.toMatch(c.saysNot);
      expect(leak(errorOutputs(err), CANARY)).toBeUndefined();
      expect(env).toEqual(c.env ?? BATCH_ENV);
      if (c.requests !== undefined) expect(fake.requests).toHaveLength(c.requests);
      await unhandled.settle();
      expect(unhandled.seen).toEqual([]);
    });
  }
});
