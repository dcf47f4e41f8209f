export { parsePolicy } from './parse-policy.js';
export { evaluatePolicy } from './evaluate-policy.js';
export { matchAction, matchResource } from './wildcard.js';
export { PolicyParseError } from './policy-error.js';
export type {
  EvaluationRequest,
  NotEvaluatedReason,
  NotEvaluatedStatement,
  ParsedPolicy,
  ParsedStatement,
  PolicyDecision,
  PolicyDocument,
  PolicyEffect,
  PolicyEvaluation,
  PolicyIssue,
  PolicyStatement,
  StatementMatch,
  StringOrList,
} from './types.js';
export { generatePolicy, renderPolicy, BATCH_NOTE, BATCH_SID, GET_SID, KMS_SID } from './generate-policy.js';
export type { GeneratePolicyOptions, GeneratedPolicy, GrantedSecret, PolicyFormat, PolicyReference } from './generate-policy.js';
export { predictResolution } from './predict.js';
export type { PredictOptions, Prediction } from './predict.js';
