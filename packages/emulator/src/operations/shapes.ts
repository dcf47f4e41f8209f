import type { Shape, StructureShape } from '../validate.js';

// Constraints from the Secrets Manager service model (botocore secretsmanager/2017-10-17).
const secretId: Shape = { type: 'string', min: 1, max: 2048 };
const versionId: Shape = { type: 'string', min: 32, max: 64 };
const versionStage: Shape = { type: 'string', min: 1, max: 256 };
const secretString: Shape = { type: 'string', min: 1, max: 65536 };
const secretBinary: Shape = { type: 'blob', min: 1, max: 65536 };
const nextToken: Shape = { type: 'string', min: 1, max: 4096 };

export const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'] as const;
const filters: Shape = {
  type: 'list',
  max: 10,
  member: {
    type: 'structure',
    members: {
      Key: { type: 'string', enum: FILTER_KEYS },
      Values: { type: 'list', min: 1, max: 10, member: { type: 'string', max: 512, pattern: /^!?[a-zA-Z0-9 :_@/+=.\-!]*$/ } },
    },
  },
};
const tags: Shape = {
  type: 'list',
  member: {
    type: 'structure',
    members: { Key: { type: 'string', min: 1, max: 128 }, Value: { type: 'string', min: 0, max: 256 } },
  },
};

export const CREATE_SECRET: StructureShape = {
  type: 'structure',
  required: ['Name'],
  members: {
    Name: { type: 'string', min: 1, max: 512 },
    ClientRequestToken: versionId,
    Description: { type: 'string', max: 2048 },
    KmsKeyId: { type: 'string', min: 0, max: 2048 },
    SecretBinary: secretBinary,
    SecretString: secretString,
    Tags: tags,
    ForceOverwriteReplicaSecret: { type: 'boolean' },
  },
};

export const PUT_SECRET_VALUE: StructureShape = {
  type: 'structure',
  required: ['SecretId'],
  members: {
    SecretId: secretId,
    ClientRequestToken: versionId,
    SecretBinary: secretBinary,
    SecretString: secretString,
    VersionStages: { type: 'list', min: 1, max: 20, member: versionStage },
  },
};

export const GET_SECRET_VALUE: StructureShape = {
  type: 'structure',
  required: ['SecretId'],
  members: { SecretId: secretId, VersionId: versionId, VersionStage: versionStage },
};

export const BATCH_GET_SECRET_VALUE: StructureShape = {
  type: 'structure',
  members: {
    SecretIdList: { type: 'list', min: 1, max: 20, member: secretId },
    Filters: filters,
    MaxResults: { type: 'integer', min: 1, max: 20 },
    NextToken: nextToken,
  },
};

export const LIST_SECRETS: StructureShape = {
  type: 'structure',
  members: {
    IncludePlannedDeletion: { type: 'boolean' },
    MaxResults: { type: 'integer', min: 1, max: 100 },
    NextToken: nextToken,
    Filters: filters,
    SortOrder: { type: 'string', enum: ['asc', 'desc'] },
    SortBy: { type: 'string', enum: ['created-date', 'last-accessed-date', 'last-changed-date', 'name'] },
  },
};

export const DESCRIBE_SECRET: StructureShape = { type: 'structure', required: ['SecretId'], members: { SecretId: secretId } };

export const DELETE_SECRET: StructureShape = {
  type: 'structure',
  required: ['SecretId'],
  members: { SecretId: secretId, RecoveryWindowInDays: { type: 'integer' }, ForceDeleteWithoutRecovery: { type: 'boolean' } },
};

export const UPDATE_SECRET_VERSION_STAGE: StructureShape = {
  type: 'structure',
  required: ['SecretId', 'VersionStage'],
  members: { SecretId: secretId, VersionStage: versionStage, RemoveFromVersionId: versionId, MoveToVersionId: versionId },
};

export interface FilterInput {
  readonly Key?: string;
  readonly Values?: readonly string[];
}
export interface TagInput {
  readonly Key?: string;
  readonly Value?: string;
}
