import { inspect } from 'node:util';
import { isSecretResolutionError } from '@secretref/core';

/**
 * Nest's ExceptionHandler logs a failed bootstrap with `util.inspect(error)`, which would print the
 * report twice (message, then stack) followed by a dump of `issues` and `report`. Give the error an
 * inspect form that is the boot report once, without stack frames. Other errors are left alone.
 */
export function asBootError(error: unknown): unknown {
  if (isSecretResolutionError(error) && !Object.prototype.hasOwnProperty.call(error, inspect.custom)) {
    const text = `${error.name}: ${error.message}`;
    Object.defineProperty(error, inspect.custom, { value: () => text, configurable: true });
  }
  return error;
}
