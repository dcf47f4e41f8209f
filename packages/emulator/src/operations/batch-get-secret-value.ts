import { ServiceError, invalidParameter } from '../errors.js';
import type { SecretRecord } from '../store.js';
import { readInput } from '../validate.js';
import { readSecretValue } from './common.js';
import type { OperationContext, OperationHandler } from './context.js';
import { checkFilters, matchesFilters } from './filters.js';
import { decodeToken, fingerprint, page } from './pagination.js';
import { BATCH_GET_SECRET_VALUE, type FilterInput } from './shapes.js';

interface Input {
  SecretIdList?: string[];
  Filters?: FilterInput[];
  MaxResults?: number;
  NextToken?: string;
}

const DEFAULT_FILTER_PAGE = 20;

/** Reads each secret like GetSecretValue; per-secret failures become `Errors` entries (HTTP 200). */
function readAll(ctx: OperationContext, ids: readonly string[]) {
  const SecretValues: Record<string, unknown>[] = [];
  const Errors: Record<string, unknown>[] = [];
  for (const id of ids) {
    try {
      SecretValues.push(readSecretValue(ctx, id));
    } catch (error) {
      if (!(error instanceof ServiceError) || error.status >= 500) throw error;
      Errors.push({ SecretId: id, ErrorCode: error.type, Message: error.message });
    }
  }
  return { SecretValues, Errors };
}

/**
 * BatchGetSecretValue: `SecretIdList` (1–20) xor `Filters`; `MaxResults` only with Filters.
 * Needs secretsmanager:BatchGetSecretValue on `*` (and ListSecrets with Filters) for the call,
 * and GetSecretValue (+ kms:Decrypt) per secret.
 */
export const batchGetSecretValue: OperationHandler = (ctx, body) => {
  const input = readInput<Input>(body, BATCH_GET_SECRET_VALUE);
  const { SecretIdList: ids, Filters: filters } = input;
  if ((ids === undefined) === (filters === undefined)) {
    throw invalidParameter("Either 'SecretIdList' or 'Filters' must be provided, but not both.");
  }
  if (input.MaxResults !== undefined && filters === undefined) {
    throw invalidParameter("'Filters' not specified. 'Filters' must also be specified when 'MaxResults' is provided.");
  }
  if (filters !== undefined) checkFilters(filters);
  ctx.authorizer.require(ctx.caller, 'secretsmanager:BatchGetSecretValue', '*');
  if (filters !== undefined) ctx.authorizer.require(ctx.caller, 'secretsmanager:ListSecrets', '*');

  if (ids !== undefined) {
    const print = fingerprint(['ids', ids]);
    const pageOf = page(ids, decodeToken(input.NextToken, print), ctx.batchPageSize, print);
    return { ...readAll(ctx, pageOf.items), ...(pageOf.nextToken !== undefined ? { NextToken: pageOf.nextToken } : {}) };
  }
  const print = fingerprint(['filters', filters, input.MaxResults]);
  const matched: SecretRecord[] = ctx.store.list().filter((r) => r.deletionDate === undefined && matchesFilters(r, filters ?? []));
  const pageOf = page(matched, decodeToken(input.NextToken, print), input.MaxResults ?? DEFAULT_FILTER_PAGE, print);
  return {
    ...readAll(ctx, pageOf.items.map((r) => r.arn)),
    ...(pageOf.nextToken !== undefined ? { NextToken: pageOf.nextToken } : {}),
  };
};
