// The CLI's failure type, in a file of its own so that `ibex serve` can load without the client
// side (context.ts loads the AWS SDK's Image Builder client).

/** A failure to report on stderr with an exit code (1: the operation failed, 2: usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
