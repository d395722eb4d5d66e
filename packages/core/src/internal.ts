/**
 * `@iulint/core/internal`: the pieces under the public face, for tests and the benchmarks. Nothing
 * here is a promise to other packages: hosts use `@iulint/core`.
 */

export { type ConfigurableRule, defaultConfig, parseConfig } from './config/config.js';
export { IgnoreMatcher, readForceignore } from './config/ignore.js';
export { configSchema } from './config/schema.js';
export { extractFacts } from './facts/extract.js';
export type { FileFacts } from './facts/facts.js';
export { MemoryFileSystem } from './fs.js';
export { parseJson } from './json/parser.js';
export { applySuppressions, lintFacts, lintSnapshot, lintText, namesCount } from './lint.js';
export { explanationAt, userExplanation } from './org/explain.js';
export {
  assignmentsKey,
  type DependencyKey,
  groupsKey,
  type KeyRecorder,
  loginsKey,
  permissionSetKey,
  profileKey,
  providedKeys,
  userKey,
  usersKey,
} from './org/keys.js';
export { OrgModel, type UserView } from './org/model.js';
export { loadSnapshot } from './org/snapshot.js';
export { parseXml } from './xml/parser.js';
