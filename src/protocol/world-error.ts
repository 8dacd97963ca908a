// The world services' wire-level values: a modelled document and the error a handler throws in
// the service's own terms. Here, below the handlers (src/services/), so that the protocol
// adapters that parse and serialize them do not depend on the handlers.

/** A modelled input or output: member names as in the model, values as parsed (timestamps are Dates). */
export type Doc = { [member: string]: unknown };

/**
 * An error in the service's own terms: its code, message, and (when the protocol needs one other
 * than its default) HTTP status. Extra members (S3's `BucketName`, `Key`) go into the error body.
 */
export class WorldError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}
