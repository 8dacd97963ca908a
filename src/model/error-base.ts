// The base class of every error ibex sends to a client. It lives with the contract so that the
// generated modelled errors (generated/errors.ts) depend on nothing above the model; the protocol's
// own errors (protocol/errors.ts) extend it too.

/** An error with an AWS error code and HTTP status; the only kind of error a client ever sees. */
export class ImagebuilderError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
