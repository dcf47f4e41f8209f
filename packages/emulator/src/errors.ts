/** An AWS-shaped error answered as `{ "__type": type, "Message": message }` with `status`. */
export class ServiceError extends Error {
  readonly type: string;
  readonly status: number;

  constructor(type: string, message: string, status = 400) {
    super(message);
    this.name = 'ServiceError';
    this.type = type;
    this.status = status;
  }
}

export const SECRET_NOT_FOUND = "Secrets Manager can't find the specified secret.";
export const MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion.";
export const DECRYPTION_FAILURE = "Secrets Manager can't decrypt the protected secret text using the provided KMS key.";

export const notFound = (message = SECRET_NOT_FOUND) => new ServiceError('ResourceNotFoundException', message);
export const invalidParameter = (message: string) => new ServiceError('InvalidParameterException', message);
export const invalidRequest = (message: string) => new ServiceError('InvalidRequestException', message);
export const markedForDeletion = () => invalidRequest(MARKED_FOR_DELETION);
export const serialization = (message: string) => new ServiceError('SerializationException', message);
export const validation = (message: string) => new ServiceError('ValidationException', message);
export const resourceExists = (message: string) => new ServiceError('ResourceExistsException', message);
export const decryptionFailure = () => new ServiceError('DecryptionFailure', DECRYPTION_FAILURE);
export const invalidNextToken = () => new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');
export const internalError = () => new ServiceError('InternalServiceError', 'An error occurred on the server side.', 500);
export const throttled = () => new ServiceError('ThrottlingException', 'Rate exceeded');
