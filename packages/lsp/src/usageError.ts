/** A usage or configuration error of a command: exit code 2 with a one-line reason (never a stack). */
export class UsageError extends Error {}
