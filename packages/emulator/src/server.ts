import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { dispatch, operationOf, type Runtime } from './dispatch.js';
import { ServiceError, internalError, throttled } from './errors.js';
import type { FaultInjector, FaultKind } from './faults.js';
import { UNKNOWN_OPERATION } from './stats.js';

/** What the optional `log` callback receives. Never a secret value, a request body, or a secret id. */
export type EmulatorLogEntry =
  | {
      readonly kind: 'request';
      readonly requestId: string;
      readonly operation: string;
      /** The caller's ARN, else the access key id, else "anonymous". */
      readonly caller: string;
      /** HTTP status; absent when there was no answer (fault `reset` or `hang`, or the client went away mid-body). */
      readonly status?: number;
      readonly errorType?: string;
      readonly fault?: FaultKind;
      readonly durationMs: number;
    }
  | { readonly kind: 'warning'; readonly message: string };

export interface ServerParts {
  readonly runtime: Runtime;
  readonly faults: FaultInjector;
  readonly log: ((entry: EmulatorLogEntry) => void) | undefined;
}

/** Request bodies above this are refused (the largest legal request is well under 1 MiB). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

function send(res: ServerResponse, requestId: string, status: number, body: Record<string, unknown>, errorType?: string): void {
  if (res.destroyed || res.writableEnded) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': requestId,
    ...(errorType !== undefined ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(payload);
}

/** The body; `undefined` when it is over MAX_BODY_BYTES, `null` when the client went away before sending all of it. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(null));
  });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** An HTTP server speaking awsJson1_1 for the emulator, and a `close()` that also ends hung and kept-alive sockets. */
export function createEmulatorServer(parts: ServerParts): { server: Server; close: () => Promise<void> } {
  const sockets = new Set<Socket>();
  /** Sockets whose current request reached `handle` and is still sending its body (already counted). */
  const receiving = new WeakSet<Socket>();
  const stopping = new AbortController();
  // Every delayed request listens for the stop; there may be any number of them at once.
  setMaxListeners(0, stopping.signal);
  const emit = (entry: EmulatorLogEntry) => {
    try {
      parts.log?.(entry);
    } catch {
      // a failing log callback must not break the emulator
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomUUID();
    const target = req.headers['x-amz-target'];
    const targetText = Array.isArray(target) ? target[0] : target;
    const operation = operationOf(targetText);
    const label = operation ?? UNKNOWN_OPERATION;
    parts.runtime.stats.request(label);
    const finish = (fields: { caller: string; status?: number; errorType?: string; fault?: FaultKind }) =>
      emit({ kind: 'request', requestId, operation: label, ...fields, durationMs: Math.round(performance.now() - started) });

    const callerKey = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1] ?? 'anonymous';
    receiving.add(req.socket);
    const bodyText = await readBody(req);
    receiving.delete(req.socket);
    if (bodyText === null) {
      // Nobody to answer: do not run the operation, and leave the fault triggers for real requests.
      req.socket.destroy();
      if (!stopping.signal.aborted) finish({ caller: callerKey });
      return;
    }
    const decision = parts.faults.decide(operation);
    if (decision.fault !== undefined) parts.runtime.stats.fault(decision.fault);
    await delay(decision.latencyMs, stopping.signal);
    if (stopping.signal.aborted) {
      req.socket.destroy();
      return;
    }
    switch (decision.fault) {
      case 'reset':
        req.socket.destroy();
        return finish({ caller: callerKey, fault: 'reset' });
      case 'hang':
        return finish({ caller: callerKey, fault: 'hang' });
      case 'internalError':
      case 'throttle': {
        const error = decision.fault === 'throttle' ? throttled() : internalError();
        send(res, requestId, error.status, { __type: error.type, Message: error.message }, error.type);
        return finish({ caller: callerKey, status: error.status, errorType: error.type, fault: decision.fault });
      }
      default:
        break;
    }
    if (bodyText === undefined) {
      const error = new ServiceError('RequestEntityTooLargeException', `Request body exceeds ${MAX_BODY_BYTES} bytes`, 413);
      res.setHeader('connection', 'close');
      send(res, requestId, error.status, { __type: error.type, Message: error.message }, error.type);
      return finish({ caller: callerKey, status: error.status, errorType: error.type });
    }
    const result = dispatch(parts.runtime, targetText, req.headers.authorization, bodyText);
    send(res, requestId, result.status, result.body, result.errorType);
    finish({ caller: result.caller, status: result.status, ...(result.errorType !== undefined ? { errorType: result.errorType } : {}) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, randomUUID(), 500, { __type: 'InternalServiceError', Message: 'An error occurred on the server side.' }, 'InternalServiceError');
      else res.destroy();
    });
  });
  // Requests Node's HTTP parser rejects never reach `handle`; count and log them too. The answers are
  // Node's own (400, 431 for oversized headers, 408 for a request timeout; no body, connection closed).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const code = error.code ?? '';
    if (code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
    if (code.startsWith('HPE_') && !receiving.has(socket)) {
      parts.runtime.stats.request(UNKNOWN_OPERATION);
      emit({ kind: 'request', requestId: randomUUID(), operation: UNKNOWN_OPERATION, caller: 'anonymous', status, durationMs: 0 });
    }
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
    socket.destroySoon();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      stopping.abort();
      server.close(() => resolve());
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };
  return { server, close };
}
