// The error a bad world file (or a bad POST /_ibex/world body) raises: every problem with the
// field's path and, when the input was text, its line.

/** One problem in a world document. */
export interface WorldIssue {
  /** Field path, e.g. `accounts[0].images[1].name`. */
  path: string;
  /** 1-based line in the source text, when known. */
  line?: number;
  message: string;
}

/** A world document failed to parse or validate. `ibex serve` exits 2 with `message`. */
export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
  constructor(
    readonly issues: WorldIssue[],
    /** File name (or `request body`) the issues refer to. */
    readonly source = 'world file',
  ) {
    super(issues.map((i) => `${source}${i.line !== undefined ? `:${i.line}` : ''}: ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'));
  }

  /** The first issue's field path. */
  get field(): string {
    return this.issues[0]?.path ?? '';
  }

  /** The first issue's line. */
  get line(): number | undefined {
    return this.issues[0]?.line;
  }
}
