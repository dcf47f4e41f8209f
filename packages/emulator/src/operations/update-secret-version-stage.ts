import { invalidParameter } from '../errors.js';
import { CURRENT } from '../store.js';
import { readInput } from '../validate.js';
import { findAuthorized, requireNotDeleted } from './common.js';
import type { OperationHandler } from './context.js';
import { UPDATE_SECRET_VERSION_STAGE } from './shapes.js';

interface Input {
  SecretId: string;
  VersionStage: string;
  RemoveFromVersionId?: string;
  MoveToVersionId?: string;
}

/**
 * UpdateSecretVersionStage: secretsmanager:UpdateSecretVersionStage on the secret. Moving a label
 * that is attached elsewhere needs RemoveFromVersionId naming that version; moving AWSCURRENT
 * makes the version it left AWSPREVIOUS.
 */
export const updateSecretVersionStage: OperationHandler = (ctx, body) => {
  const input = readInput<Input>(body, UPDATE_SECRET_VERSION_STAGE);
  const record = findAuthorized(ctx, input.SecretId, 'secretsmanager:UpdateSecretVersionStage');
  requireNotDeleted(record);
  const stage = input.VersionStage;
  const versionOf = (id: string) => {
    const version = record.versions.get(id);
    if (version === undefined) throw invalidParameter(`Not a valid version: ${id}`);
    return version;
  };
  const moveTo = input.MoveToVersionId === undefined ? undefined : versionOf(input.MoveToVersionId);
  const removeFrom = input.RemoveFromVersionId === undefined ? undefined : versionOf(input.RemoveFromVersionId);
  if (moveTo === undefined && removeFrom === undefined) {
    throw invalidParameter('You must specify MoveToVersionId, RemoveFromVersionId, or both.');
  }
  if (removeFrom !== undefined && !removeFrom.stages.includes(stage)) {
    throw invalidParameter(`Version stage ${stage} not found in version ${removeFrom.versionId}`);
  }
  const holder = ctx.store.versionWithStage(record, stage);
  if (moveTo !== undefined && holder !== undefined && holder !== moveTo && holder !== removeFrom) {
    throw invalidParameter(
      `The parameter RemoveFromVersionId can't be empty. Staging label ${stage} is currently attached to version ` +
        `${holder.versionId}, so you must explicitly reference that version in RemoveFromVersionId.`,
    );
  }
  if (moveTo === undefined && stage === CURRENT) {
    throw invalidParameter(`You can't remove the staging label ${CURRENT} from a version without moving it to another (MoveToVersionId).`);
  }
  if (moveTo !== undefined) {
    ctx.store.attachStage(record, stage, moveTo);
    record.lastChangedDate = ctx.store.timestamp();
  } else if (removeFrom !== undefined) {
    ctx.store.detachStage(record, stage, removeFrom);
  }
  return { ARN: record.arn, Name: record.name };
};
