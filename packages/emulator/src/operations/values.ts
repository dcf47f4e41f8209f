import { invalidParameter } from '../errors.js';
import type { SecretValue, SecretVersion } from '../store.js';

/** The value of a CreateSecret/PutSecretValue request; both string and binary is InvalidParameterException. */
export function valueOf(input: { SecretString?: string; SecretBinary?: Buffer }): SecretValue | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (input.SecretString !== undefined) return { string: input.SecretString };
  if (input.SecretBinary !== undefined) return { binary: input.SecretBinary };
  return undefined;
}

export function sameValue(version: SecretVersion, value: SecretValue): boolean {
  if ('string' in version.value) return 'string' in value && value.string === version.value.string;
  return 'binary' in value && value.binary.equals(version.value.binary);
}
