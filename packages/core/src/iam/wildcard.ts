/**
 * IAM wildcard matching.
 *
 * Actions: `*` matches any run of characters, `?` exactly one; case-insensitive.
 * Resources: case-sensitive, matched per ARN segment: a `*` inside a segment stops at `:`,
 * but a `*` that ends a segment may run across colons (as the IAM user guide describes);
 * `?` matches exactly one character.
 */

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 2048;

function escapeRegExp(char: string): string {
  return /[\\^$.|+()[\]{}*?/-]/.test(char) ? `\\${char}` : char;
}

function compile(pattern: string, kind: 'action' | 'resource'): RegExp {
  const key = `${kind}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    if (char === '*') {
      const next = pattern.charAt(i + 1);
      const endsSegment = next === '' || next === ':';
      source += kind === 'action' || endsSegment ? '.*' : '[^:]*';
    } else if (char === '?') {
      source += '.';
    } else {
      source += escapeRegExp(char);
    }
  }
  const regex = new RegExp(`^${source}$`, kind === 'action' ? 'is' : 's');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, regex);
  return regex;
}

/** True when an IAM action pattern (e.g. `secretsmanager:Get*`) matches an action, ignoring case. */
export function matchAction(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  return compile(pattern, 'action').test(action);
}

/** True when an IAM resource pattern (e.g. `arn:aws:secretsmanager:*:*:secret:prod/db-??????`) matches an ARN. */
export function matchResource(pattern: string, resource: string): boolean {
  if (pattern === '*') return true;
  return compile(pattern, 'resource').test(resource);
}
