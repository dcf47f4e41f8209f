import type { BackendName } from './backends.js';

/**
 * Where moto 5.2.1 does not follow AWS, per backend, so the one scenario suite states each
 * divergence as an expectation instead of skipping it. The emulator column is what AWS does
 * (reference doc §3, §7, §8; LocalStack snapshots recorded against AWS).
 */
export interface Expectations {
  /** HTTP status of ResourceNotFoundException (AWS: 400; moto: 404). */
  readonly notFoundStatus: number;
  /** HTTP status of the VersionId/VersionStage mismatch InvalidRequestException (moto raises it with 404). */
  readonly stageMismatchStatus: number;
  /** Message for a missing staging label (AWS names the label; moto says "can't find the specified secret."). */
  readonly missingStageMessage: string;
  /**
   * What GetSecretValue without VersionId/VersionStage returns after UpdateSecretVersionStage moved
   * AWSCURRENT: AWS returns the version now labelled AWSCURRENT; moto keeps returning its internal
   * "default version", which UpdateSecretVersionStage does not move (asking for VersionStage
   * AWSCURRENT explicitly works on both).
   */
  readonly unlabelledReadAfterStageMove: 'moved-version' | 'stale-default-version';
  /** `NextToken` on the wire when there is no next page (moto sends null; the SDK drops it either way). */
  readonly lastPageNextToken: 'absent' | null;
  /** BatchGetSecretValue with neither SecretIdList nor Filters (moto answers an empty 200). */
  readonly batchWithNeither: 'InvalidParameterException' | 'empty-200';
  /** Model constraints (21 ids, names, 64 KiB values) are enforced (moto does not validate). */
  readonly validatesConstraints: boolean;
  /** Wrong JSON types and unknown operations get JSON 400 errors (moto answers 500 with an HTML page). */
  readonly jsonErrorsForMalformedInput: boolean;
  /** Identity policies are evaluated per secret (moto: IAM off by default, no per-secret AccessDenied). */
  readonly enforcesIam: boolean;
}

export const EXPECTATIONS: Record<BackendName, Expectations> = {
  emulator: {
    notFoundStatus: 400,
    stageMismatchStatus: 400,
    missingStageMessage: "Secrets Manager can't find the specified secret value for staging label: AWSPENDING",
    unlabelledReadAfterStageMove: 'moved-version',
    lastPageNextToken: 'absent',
    batchWithNeither: 'InvalidParameterException',
    validatesConstraints: true,
    jsonErrorsForMalformedInput: true,
    enforcesIam: true,
  },
  moto: {
    notFoundStatus: 404,
    stageMismatchStatus: 404,
    missingStageMessage: "Secrets Manager can't find the specified secret.",
    unlabelledReadAfterStageMove: 'stale-default-version',
    lastPageNextToken: null,
    batchWithNeither: 'empty-200',
    validatesConstraints: false,
    jsonErrorsForMalformedInput: false,
    enforcesIam: false,
  },
};
