import { invalidParameter } from '../errors.js';
import type { SecretRecord } from '../store.js';
import type { FilterInput } from './shapes.js';

const SEPARATORS = /[\s/_+=.@-]+/;

function words(text: string): string[] {
  return text.split(SEPARATORS).filter((w) => w !== '').map((w) => w.toLowerCase());
}

/** The attribute strings a filter key looks at, and how values compare. */
function attributes(record: SecretRecord, key: string): { values: string[]; caseSensitive: boolean } {
  switch (key) {
    case 'name':
      return { values: [record.name], caseSensitive: true };
    case 'description':
      return { values: record.description ? [record.description] : [], caseSensitive: false };
    case 'tag-key':
      return { values: record.tags.map((t) => t.Key), caseSensitive: true };
    case 'tag-value':
      return { values: record.tags.map((t) => t.Value), caseSensitive: true };
    default:
      // primary-region and owning-service: the emulator has no replicas and no managed secrets.
      return { values: [], caseSensitive: true };
  }
}

function prefixMatch(values: readonly string[], prefix: string, caseSensitive: boolean): boolean {
  if (caseSensitive) return values.some((v) => v.startsWith(prefix));
  const p = prefix.toLowerCase();
  return values.some((v) => v.toLowerCase().startsWith(p));
}

/** `all`: every word of the filter value prefixes some word of the name, description, tag keys or values. */
function allMatch(record: SecretRecord, value: string): boolean {
  const haystack = [record.name, record.description ?? '', ...record.tags.flatMap((t) => [t.Key, t.Value])].flatMap(words);
  const needles = words(value);
  return needles.length > 0 && needles.every((n) => haystack.some((w) => w.startsWith(n)));
}

function valueMatches(record: SecretRecord, key: string, value: string): boolean {
  if (key === 'all') return allMatch(record, value);
  const { values, caseSensitive } = attributes(record, key);
  return prefixMatch(values, value, caseSensitive);
}

/** Checks the parts of a filter the model leaves optional. */
export function checkFilters(filters: readonly FilterInput[]): void {
  for (const filter of filters) {
    if (filter.Key === undefined) throw invalidParameter('Invalid filter key');
    if (filter.Values === undefined) throw invalidParameter(`Invalid filter values for key: ${filter.Key}`);
  }
}

/**
 * ListSecrets filter semantics: filters are ANDed; within a filter, a secret matches if any plain
 * value matches and no `!`-negated value matches.
 */
export function matchesFilters(record: SecretRecord, filters: readonly FilterInput[]): boolean {
  return filters.every((filter) => {
    const key = filter.Key ?? '';
    const values = filter.Values ?? [];
    const positive = values.filter((v) => !v.startsWith('!'));
    const negative = values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
    if (negative.some((v) => valueMatches(record, key, v))) return false;
    return positive.length === 0 || positive.some((v) => valueMatches(record, key, v));
  });
}
