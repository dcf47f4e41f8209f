import type { IssueCode } from './codes.js';
import type { FetchedSecret } from './fetch.js';

export type Extracted =
  | { ok: true; value: string }
  | { ok: false; code: IssueCode; message: string; hint?: string };

const MAX_LISTED_KEYS = 20;

/**
 * Parses secrets' JSON at most once each. JSON.parse stores `__proto__` and `constructor` as own
 * data properties, and lookups go through hasOwnProperty, so a secret's keys cannot reach a prototype.
 */
export class Extractor {
  private readonly parsed = new WeakMap<FetchedSecret, { ok: true; obj: Record<string, unknown> } | { ok: false }>();

  extract(secret: FetchedSecret, secretId: string, jsonKey: string | undefined): Extracted {
    if (jsonKey === undefined) {
      if (secret.secretString !== undefined) return { ok: true, value: secret.secretString };
      if (secret.secretBinary !== undefined) return { ok: true, value: Buffer.from(secret.secretBinary).toString('base64') };
      return {
        ok: false,
        code: 'AWS_ERROR',
        message: `the response for "${secretId}" carried no readable SecretString or SecretBinary`,
      };
    }
    if (secret.secretString === undefined) {
      if (secret.secretBinary !== undefined) {
        return {
          ok: false,
          code: 'SECRET_IS_BINARY',
          message: `the secret "${secretId}" holds SecretBinary, which has no JSON key "${jsonKey}"`,
          hint: `drop ":${jsonKey}" to receive the binary value base64-encoded, or store the secret as a JSON SecretString`,
        };
      }
      return { ok: false, code: 'AWS_ERROR', message: `the response for "${secretId}" carried no readable SecretString or SecretBinary` };
    }
    const parsed = this.parse(secret);
    if (!parsed.ok) {
      return {
        ok: false,
        code: 'SECRET_NOT_JSON',
        // Never JSON.parse's own message: it quotes the text it failed on.
        message: `the secret "${secretId}" is not a JSON object, so its key "${jsonKey}" cannot be read`,
        hint: `drop ":${jsonKey}" to use the whole value, or store the secret as a JSON object`,
      };
    }
    const obj = parsed.obj;
    if (!Object.prototype.hasOwnProperty.call(obj, jsonKey)) {
      const keys = Object.keys(obj);
      const listed = keys.slice(0, MAX_LISTED_KEYS).map((k) => (k.length > 64 ? `${k.slice(0, 64)}…` : k));
      const more = keys.length > MAX_LISTED_KEYS ? ` (+${keys.length - MAX_LISTED_KEYS} more)` : '';
      return {
        ok: false,
        code: 'JSON_KEY_NOT_FOUND',
        message: `the secret "${secretId}" has no JSON key "${jsonKey}"`,
        hint: keys.length ? `keys present: ${listed.join(', ')}${more}` : 'the secret is an empty JSON object',
      };
    }
    return { ok: true, value: stringify(obj[jsonKey]) };
  }

  private parse(secret: FetchedSecret): { ok: true; obj: Record<string, unknown> } | { ok: false } {
    let entry = this.parsed.get(secret);
    if (!entry) {
      try {
        const value: unknown = JSON.parse(secret.secretString ?? '');
        entry = typeof value === 'object' && value !== null && !Array.isArray(value)
          ? { ok: true, obj: value as Record<string, unknown> }
          : { ok: false };
      } catch {
        entry = { ok: false };
      }
      this.parsed.set(secret, entry);
    }
    return entry;
  }
}

/** Strings as they are; numbers, booleans and null as their JSON text; objects and arrays as JSON. */
function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
