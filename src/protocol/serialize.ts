// Writes an operation's output as the JSON text JSON.stringify would produce, except that a
// top-level value registered with preserialized() is written from the text stored for it instead
// of being walked again. A Get's configuration is the same frozen object for as long as nobody
// writes it (the read cache), so its JSON is made once, not on every request (docs/performance.md).

const fragments = new WeakMap<object, string>();

/** Registers a frozen value's JSON text; returns the value. */
export function preserialized<T extends object>(value: T): T {
  if (!Object.isFrozen(value)) throw new Error('only a frozen value can keep its JSON text');
  fragments.set(value, JSON.stringify(value));
  return value;
}

/** JSON.stringify(output), reusing registered values' text. */
export function serializeOutput(output: object): string {
  let out = '{';
  for (const key of Object.keys(output)) {
    const v = (output as Record<string, unknown>)[key];
    const text = (typeof v === 'object' && v !== null && fragments.get(v)) || (JSON.stringify(v) as string | undefined);
    // JSON.stringify leaves out members whose value has no JSON form (undefined, functions).
    if (text === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `${out}}`;
}
