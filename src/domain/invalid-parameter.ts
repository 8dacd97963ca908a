// AWS's message for a parameter that breaks a rule: "The value supplied for parameter '<path>' is
// not valid. <detail>". One builder, so the prefix is typed once (protocol/validate.ts uses it for
// model constraints, handlers for their own rules, whatever exception class AWS answers with).

/** A broken rule: the parameter's path in the request and what is wrong with it. */
export interface Violation {
  path: string;
  detail: string;
}

/** AWS's invalid-parameter message for `path`, with `detail` after it when given. */
export function invalidParameter(path: string, detail?: string): string {
  const head = `The value supplied for parameter '${path}' is not valid.`;
  return detail ? `${head} ${detail}` : head;
}
