import type { SecretRecord } from '../store.js';
import { readInput } from '../validate.js';
import { metadataEntry, versionsToStages } from './common.js';
import type { OperationHandler } from './context.js';
import { checkFilters, matchesFilters } from './filters.js';
import { decodeToken, fingerprint, page } from './pagination.js';
import { LIST_SECRETS, type FilterInput } from './shapes.js';

interface Input {
  IncludePlannedDeletion?: boolean;
  MaxResults?: number;
  NextToken?: string;
  Filters?: FilterInput[];
  SortOrder?: 'asc' | 'desc';
  SortBy?: 'created-date' | 'last-accessed-date' | 'last-changed-date' | 'name';
}

const DEFAULT_PAGE = 100;

function sortKey(record: SecretRecord, by: Input['SortBy']): string | number {
  switch (by) {
    case 'name':
      return record.name;
    case 'last-accessed-date':
      return record.lastAccessedDate ?? 0;
    case 'last-changed-date':
      return record.lastChangedDate;
    default:
      return record.createdDate;
  }
}

/** ListSecrets: secretsmanager:ListSecrets on `*`. Secrets scheduled for deletion only with IncludePlannedDeletion. */
export const listSecrets: OperationHandler = (ctx, body) => {
  const input = readInput<Input>(body, LIST_SECRETS);
  if (input.Filters !== undefined) checkFilters(input.Filters);
  ctx.authorizer.require(ctx.caller, 'secretsmanager:ListSecrets', '*');
  const print = fingerprint([input.Filters, input.IncludePlannedDeletion, input.MaxResults, input.SortBy, input.SortOrder]);
  const offset = decodeToken(input.NextToken, print);
  const list = ctx.store
    .list()
    .filter((r) => input.IncludePlannedDeletion === true || r.deletionDate === undefined)
    .filter((r) => matchesFilters(r, input.Filters ?? []));
  if (input.SortBy !== undefined || input.SortOrder !== undefined) {
    const sign = input.SortOrder === 'desc' ? -1 : 1;
    list.sort((a, b) => {
      const x = sortKey(a, input.SortBy);
      const y = sortKey(b, input.SortBy);
      return x < y ? -sign : x > y ? sign : 0;
    });
  }
  const pageOf = page(list, offset, input.MaxResults ?? DEFAULT_PAGE, print);
  return {
    SecretList: pageOf.items.map((record) => {
      const stages = versionsToStages(record);
      return { ...metadataEntry(record), ...(stages !== undefined ? { SecretVersionsToStages: stages } : {}) };
    }),
    ...(pageOf.nextToken !== undefined ? { NextToken: pageOf.nextToken } : {}),
  };
};
