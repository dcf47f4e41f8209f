import { resolveEntries, type ResolveOptions } from './resolve.js';
import type { ResolutionReport } from './report.js';

export interface ResolvedConfig<T> {
  /** A deep copy with every string leaf's references replaced; optional paths that failed are removed. */
  config: T;
  report: ResolutionReport;
  /** Optional paths that failed and were left out. */
  unset: string[];
}

/**
 * Resolves every string leaf of nested plain objects and arrays. Issues name paths such as
 * `db.password` or `servers[0].url`; `optional` takes the same paths. Never mutates its input.
 */
export async function resolveConfig<T>(config: T, options: ResolveOptions = {}): Promise<ResolvedConfig<T>> {
  const leaves: Array<{ key: string; value: string }> = [];
  walk(config, '', (key, value) => leaves.push({ key, value }), new Set());
  const { values, unset, report } = await resolveEntries(leaves, options);
  const removed = new Set(unset);
  const out = copy(config, '', values, removed) as T;
  return { config: out, report, unset };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `a.b`, `a[0]`, and `a["odd.key"]` for keys that are not identifiers. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (/^[A-Za-z_$][\w$-]*$/.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

function walk(value: unknown, path: string, visit: (key: string, value: string) => void, seen: Set<object>): void {
  if (typeof value === 'string') {
    visit(path, value);
    return;
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    if (seen.has(value)) throw new TypeError(`secretref: resolveConfig found a circular reference at ${path || '(root)'}`);
    seen.add(value);
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, childPath(path, i), visit, seen));
    else for (const k of Object.keys(value)) walk(value[k], childPath(path, k), visit, seen);
    seen.delete(value);
  }
}

function copy(value: unknown, path: string, values: Map<string, string>, removed: Set<string>): unknown {
  if (typeof value === 'string') return values.get(path) ?? value;
  if (Array.isArray(value)) {
    return value.map((v, i) => (removed.has(childPath(path, i)) ? undefined : copy(v, childPath(path, i), values, removed)));
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = Object.getPrototypeOf(value) === null ? Object.create(null) : {};
    for (const k of Object.keys(value)) {
      const p = childPath(path, k);
      if (removed.has(p)) continue;
      Object.defineProperty(out, k, { value: copy(value[k], p, values, removed), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
