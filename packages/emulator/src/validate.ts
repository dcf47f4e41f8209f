import { serialization, validation } from './errors.js';

/** A member shape from the Secrets Manager service model (only what the emulator needs). */
export type Shape =
  | { readonly type: 'string'; readonly min?: number; readonly max?: number; readonly enum?: readonly string[]; readonly pattern?: RegExp }
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'blob'; readonly min?: number; readonly max?: number }
  | { readonly type: 'list'; readonly member: Shape; readonly min?: number; readonly max?: number }
  | StructureShape;

export interface StructureShape {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, Shape>>;
  readonly required?: readonly string[];
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const JSON_TYPE: Record<Shape['type'], string> = {
  string: 'a string', integer: 'an integer', boolean: 'a boolean', blob: 'a base64 string', list: 'a list', structure: 'an object',
};

const memberPath = (parent: string, key: string) => {
  const name = key.charAt(0).toLowerCase() + key.slice(1);
  return parent === '' ? name : `${parent}.${name}`;
};

/** Phase 1, like the service's deserializer: wrong JSON types are SerializationException. Blobs become Buffers. */
function deserialize(value: unknown, shape: Shape, path: string): unknown {
  const fail = () => serialization(`Expected ${JSON_TYPE[shape.type]} at '${path}'`);
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') throw fail();
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw fail();
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw fail();
      return value;
    case 'blob':
      if (typeof value !== 'string' || !BASE64.test(value)) throw fail();
      return Buffer.from(value, 'base64');
    case 'list':
      if (!Array.isArray(value)) throw fail();
      return value.map((item: unknown, i) => {
        if (item === null) throw serialization(`Unexpected null in the list at '${path}'`);
        return deserialize(item, shape.member, `${path}.${i + 1}.member`);
      });
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail();
      const out: Record<string, unknown> = {};
      for (const [key, member] of Object.entries(shape.members)) {
        const raw = (value as Record<string, unknown>)[key];
        if (raw !== undefined && raw !== null) out[key] = deserialize(raw, member, memberPath(path, key));
      }
      return out;
    }
  }
}

function lengthOf(value: unknown): number {
  if (Buffer.isBuffer(value)) return value.length;
  return (value as string | unknown[]).length;
}

/** Phase 2, like the service's validator: constraint violations, collected. Never quotes string values. */
/** Violations: all are counted, only the first MAX_LISTED are kept (a 2 MiB list of bad ids would otherwise make a ~50 MB answer). */
const MAX_LISTED = 10;
class Violations {
  count = 0;
  readonly listed: string[] = [];
  push(message: string): void {
    this.count += 1;
    if (this.listed.length < MAX_LISTED) this.listed.push(message);
  }
}

function constrain(value: unknown, shape: Shape, path: string, errors: Violations): void {
  const at = (shown: string | undefined, rule: string) =>
    errors.push(`Value${shown === undefined ? '' : ` ${shown}`} at '${path}' failed to satisfy constraint: Member must ${rule}`);
  if (shape.type === 'structure') {
    const record = value as Record<string, unknown>;
    for (const key of shape.required ?? []) {
      if (record[key] === undefined) errors.push(`Value null at '${memberPath(path, key)}' failed to satisfy constraint: Member must not be null`);
    }
    for (const [key, member] of Object.entries(shape.members)) {
      if (record[key] !== undefined) constrain(record[key], member, memberPath(path, key), errors);
    }
    return;
  }
  if (shape.type === 'boolean') return;
  if (shape.type === 'integer') {
    const n = value as number;
    if (shape.min !== undefined && n < shape.min) at(`'${n}'`, `have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && n > shape.max) at(`'${n}'`, `have value less than or equal to ${shape.max}`);
    return;
  }
  const length = lengthOf(value);
  if (shape.min !== undefined && length < shape.min) at(undefined, `have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) at(undefined, `have length less than or equal to ${shape.max}`);
  if (shape.type === 'string') {
    const s = value as string;
    if (shape.enum !== undefined && !shape.enum.includes(s)) at(`'${s.slice(0, 64)}'`, `satisfy enum value set: [${shape.enum.join(', ')}]`);
    if (shape.pattern !== undefined && !shape.pattern.test(s)) at(undefined, `satisfy regular expression pattern: ${shape.pattern.source}`);
  }
  if (shape.type === 'list') {
    (value as unknown[]).forEach((item, i) => constrain(item, shape.member, `${path}.${i + 1}.member`, errors));
  }
}

/**
 * Reads an operation's input like the real service: a JSON type mismatch is SerializationException,
 * then every constraint violation is counted in one ValidationException (the first 10 are listed).
 * Unknown members are ignored.
 */
export function readInput<T>(body: unknown, shape: StructureShape): T {
  const value = deserialize(body, shape, '') as Record<string, unknown>;
  const errors = new Violations();
  constrain(value, shape, '', errors);
  if (errors.count > 0) {
    const head = `${errors.count} validation error${errors.count === 1 ? '' : 's'} detected: `;
    const more = errors.count > errors.listed.length ? `; and ${errors.count - errors.listed.length} more` : '';
    throw validation(head + errors.listed.join('; ') + more);
  }
  return value as T;
}
