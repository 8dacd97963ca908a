// Reads a world file (YAML or JSON — JSON is parsed as YAML, which keeps positions) and
// validates it, reporting each bad field with its line.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { WorldFileError } from './errors.js';
import type { WorldSpec } from './spec.js';
import { validateWorldSpec, type ValidationContext, type Locate } from './validate.js';

/** Alias uses a world document may make (YAML `*name`); far more than any real world needs. */
export const MAX_ALIAS_COUNT = 100;

/** Parses and validates world text. `source` names it in messages (a file name). */
export function parseWorldText(text: string, source = 'world file', context?: ValidationContext): WorldSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new WorldFileError(
      doc.errors.map((e) => ({ path: '', line: lineCounter.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! })),
      source,
    );
  }
  let value: unknown;
  try {
    // Aliases expand on conversion: a "billion laughs" document stops at the alias limit.
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    throw new WorldFileError(
      [{ path: '', message: `the document cannot be expanded: ${(e as Error).message} (at most ${MAX_ALIAS_COUNT} alias uses)` }],
      source,
    );
  }
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return validateWorldSpec(value ?? {}, locate, source, context);
}

/** Reads and validates a world file; throws WorldFileError naming the bad field and line. */
export function loadWorldFile(path: string, context?: ValidationContext): WorldSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new WorldFileError([{ path: '', message: `cannot read the world file: ${(e as Error).message}` }], basename(path));
  }
  return parseWorldText(text, path, context);
}
