/**
 * Stands for the `re2js` package in the bundles (`scripts/build.mjs`): the package is a file of its own,
 * `dist/re2js.cjs`, required the first time a `.forceignore` pattern needs the linear-time engine
 * (`core/src/config/ignoreGuard.ts`). It is a third of the CLI's bundle, and took 15 to 20 ms of every
 * check to compile and load; most projects never need it. Only what the core uses of it is here.
 */
type Re2js = typeof import('re2js');

let loaded: Re2js['RE2JS'] | undefined;
const engine = (): Re2js['RE2JS'] => {
  loaded ??= (require('./re2js.cjs') as Re2js).RE2JS;
  return loaded;
};

export const RE2JS = {
  get CASE_INSENSITIVE(): number {
    return engine().CASE_INSENSITIVE;
  },
  compile: (...args: Parameters<Re2js['RE2JS']['compile']>): ReturnType<Re2js['RE2JS']['compile']> => engine().compile(...args),
};
