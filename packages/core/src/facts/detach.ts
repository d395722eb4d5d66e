// Strings of facts that do not keep the text they were read from alive.

/**
 * A copy of a string that does not share the file's text. Values sliced out of a 3 MB profile keep
 * the whole text alive in V8 (sliced and cons strings point at it); facts must not, or memory grows
 * with file sizes instead of with facts.
 */
export function detach(s: string): string {
  // V8 copies a substring or a concatenation shorter than 13 characters: it points at nothing.
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** Detaches every string of a facts object, in place (facts are plain objects and arrays). */
export function detachStrings<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (typeof x === 'string') v[i] = detach(x);
        else if (x && typeof x === 'object') stack.push(x);
      }
    } else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k in o) {
        const x = o[k];
        if (typeof x === 'string') o[k] = detach(x);
        else if (x && typeof x === 'object') stack.push(x);
      }
    }
  }
  return value;
}
