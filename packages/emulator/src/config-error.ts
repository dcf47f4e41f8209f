/** One problem in a seed, fault configuration or option; `path` is like `secrets[2].name`. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

const BRAND = Symbol.for('secretref.EmulatorConfigError');

/** Thrown for an invalid seed, fault configuration or start option, listing every problem found. */
export class EmulatorConfigError extends Error {
  readonly code = 'INVALID_EMULATOR_CONFIG' as const;
  readonly issues: readonly ConfigIssue[];

  constructor(what: string, issues: readonly ConfigIssue[]) {
    const lines = issues.map((i) => `  - ${i.path === '' ? '(root)' : i.path}: ${i.message}`);
    super(`[INVALID_EMULATOR_CONFIG] invalid ${what}:\n${lines.join('\n')}`);
    this.name = 'EmulatorConfigError';
    this.issues = issues;
    Object.defineProperty(this, BRAND, { value: true });
  }

  static isInstance(value: unknown): value is EmulatorConfigError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Records an issue for every key of `value` not in `allowed`. */
export function checkKeys(value: Record<string, unknown>, allowed: readonly string[], path: string, issues: ConfigIssue[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      issues.push({ path: path === '' ? key : `${path}.${key}`, message: `unknown field (allowed: ${allowed.join(', ')})` });
    }
  }
}
