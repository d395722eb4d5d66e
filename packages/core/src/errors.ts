/** What went wrong, in one line for a message: an Error's message, or the thrown value as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
