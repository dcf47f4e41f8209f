import { createHash } from 'node:crypto';
import { invalidNextToken } from '../errors.js';

/** A hash of the request parameters a token belongs to, so a token is refused with other parameters. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value) ?? '').digest('base64url').slice(0, 16);
}

/** An opaque NextToken holding the next offset. */
export function encodeToken(offset: number, print: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: print })).toString('base64url');
}

/** The offset in `token` (0 when absent); InvalidNextTokenException when it is not ours or not for these parameters. */
export function decodeToken(token: string | undefined, print: string): number {
  if (token === undefined) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const { o, f } = parsed as { o?: unknown; f?: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0 && f === print) return o;
  } catch {
    // fall through
  }
  throw invalidNextToken();
}

/** One page of `items` from `offset`, and the token for the next page if any. */
export function page<T>(items: readonly T[], offset: number, size: number, print: string): { items: T[]; nextToken?: string } {
  const end = offset + size;
  const slice = items.slice(offset, end);
  return end < items.length ? { items: slice, nextToken: encodeToken(end, print) } : { items: slice };
}
