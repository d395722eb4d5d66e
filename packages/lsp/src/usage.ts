/** A usage, configuration or environment error: exit code 2 with a one-line reason on stderr. */
export class UsageError extends Error {}
