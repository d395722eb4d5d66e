declare const IULINT_VERSION: string | undefined;

/** The package version, put in by the bundler; `dev` when run from source. */
export const VERSION: string = typeof IULINT_VERSION === 'string' ? IULINT_VERSION : 'dev';
