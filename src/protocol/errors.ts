// The base of every error ibex sends to a client, and the protocol-level errors that are not
// in the Image Builder model (authentication, malformed requests). Modelled ones are generated.

import { ImagebuilderError } from '../model/error-base.js';

export { ImagebuilderError };

/** 403: no SigV4 credentials on the request. */
export class MissingAuthenticationTokenException extends ImagebuilderError {
  constructor(message = 'Missing Authentication Token') {
    super('MissingAuthenticationTokenException', 403, message);
  }
}

/** 403: strict auth does not know the access key. */
export class UnrecognizedClientException extends ImagebuilderError {
  constructor(message = 'The security token included in the request is invalid.') {
    super('UnrecognizedClientException', 403, message);
  }
}

/** 403: the signature, body hash or date does not verify. */
export class InvalidSignatureException extends ImagebuilderError {
  constructor(message: string) {
    super('InvalidSignatureException', 403, message);
  }
}

/** 400: the body is not JSON, or a value has the wrong JSON type. */
export class SerializationException extends ImagebuilderError {
  constructor(message: string) {
    super('SerializationException', 400, message);
  }
}

/** 404: no operation is bound to this method and path. */
export class UnknownOperationException extends ImagebuilderError {
  constructor(message: string) {
    super('UnknownOperationException', 404, message);
  }
}

/** 413: the body is larger than ibex accepts. */
export class RequestEntityTooLargeException extends ImagebuilderError {
  constructor(message: string) {
    super('RequestEntityTooLargeException', 413, message);
  }
}

/** 415: a body that is not JSON by its Content-Type. */
export class UnsupportedMediaTypeException extends ImagebuilderError {
  constructor(message: string) {
    super('UnsupportedMediaTypeException', 415, message);
  }
}
