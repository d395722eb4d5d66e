import ignore from 'ignore';
import type { Finding } from '../diagnostic.js';
import { errorMessage } from '../errors.js';
import { classifyPath } from '../metadata/classify.js';
import type { Range } from '../text/positions.js';
import { FastIgnore } from './fastIgnore.js';
import { MAX_PATTERN_LENGTH, unsafePatternReason } from './ignoreGuard.js';

export const FORCEIGNORE_FILE = '.forceignore';
/** The id of findings on `.forceignore` itself (a line the Salesforce CLI warns about or cannot read). */
export const FORCEIGNORE = 'forceignore';

/**
 * The patterns the Salesforce CLI reads before a `.forceignore`'s own lines, in its order
 * (`ForceIgnore` of `@salesforce/source-deploy-retrieve` 12.37 to 13.7): `*.dup` files, every
 * dot-file and dot-folder except the retrieved metadata in `.sf/orgs/<org>/remoteMetadata`, and the
 * package descriptors of second-generation packages.
 */
export const FORCEIGNORE_DEFAULTS: readonly string[] = [
  '**/*.dup',
  '**/.*',
  '!.sf',
  '**/.sf/**',
  '!**/.sf/orgs',
  '!**/.sf/orgs/**',
  '**/.sf/orgs/*/**',
  '!**/.sf/orgs/*/remoteMetadata',
  '!**/.sf/orgs/*/remoteMetadata/**',
  '**/package2-descriptor.json',
  '**/package2-manifest.json',
];

/**
 * The defaults, left to the `ignore` package's expressions (`guardRules`): two of them count three
 * wildcards, which would hand them to the linear-time engine (and load it for every project with a
 * `.forceignore`), but their one `*` is a `[^/]*` that a `/` ends, which matches one way only. What is
 * left is a leading `**` and a trailing `/**`: at most quadratic in a path's length, as the defaults with
 * two wildcards (never guarded) are, and only on a path holding a line break (`backtracking.test.ts`
 * holds them to the package's answers on hostile paths).
 */
const TRUSTED_DEFAULTS: ReadonlySet<string> = new Set(FORCEIGNORE_DEFAULTS);

/** Why the `ignore` package rejects a pattern (an invalid regular expression), as the Salesforce CLI meets it. */
function unreadableReason(pattern: string): string | undefined {
  try {
    ignore().add(pattern);
    return undefined;
  } catch (e) {
    return errorMessage(e);
  }
}

/**
 * Why a pattern of `ignore` or `--ignore-pattern` cannot be used: the `ignore` package rejects it, or
 * iulint does not apply it because matching it could hang (`config/ignoreGuard.ts`).
 */
export function ignorePatternError(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return unsafePatternReason(pattern);
  return unreadableReason(pattern) ?? unsafePatternReason(pattern);
}

/** A `.forceignore` read as the Salesforce CLI reads it. */
export interface Forceignore {
  /** The lines, for the `ignore` package; undefined when the CLI cannot read the file and so applies none of it. */
  patterns: string[] | undefined;
  /** The CLI's warnings and the lines it cannot read, as findings on the file. */
  findings: Finding[];
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/**
 * Reads a `.forceignore` (its text decoded as the CLI does: UTF-8, a byte order mark kept). The CLI
 * gives the whole text to the `ignore` package; if one line is an invalid pattern that throws, and
 * the CLI then applies neither the file nor its defaults. A line with a backslash (not a comment)
 * draws the CLI's warning and is used as it is: `ignore` reads `\` as an escape, not as a folder
 * separator. `** /unpackaged/**` draws the CLI's warning that a retrieve would ignore every file.
 */
export function readForceignore(path: string, text: string): Forceignore {
  const lines = text.split(/\r?\n/);
  const findings: Finding[] = [];
  const finding = (severity: Finding['severity'], message: string, range: Range) =>
    findings.push({ ruleId: FORCEIGNORE, severity, message, path, range, related: [] });
  let readable = true;
  /** Lines iulint does not apply (matching them could hang), replaced by blank lines. */
  const unsafe = new Set<number>();
  lines.forEach((line, i) => {
    const guard = line.length > MAX_PATTERN_LENGTH ? unsafePatternReason(line) : undefined;
    const error = guard === undefined ? unreadableReason(line) : undefined;
    const risky = guard ?? (error === undefined ? unsafePatternReason(line) : undefined);
    if (risky !== undefined) {
      unsafe.add(i);
      finding(
        'error',
        `iulint does not apply this line: ${risky}. The other lines apply. Shorten it, or use fewer wildcards in one name.`,
        lineRange(i, 0, Math.min(line.length, MAX_PATTERN_LENGTH)),
      );
    }
    if (error !== undefined) {
      readable = false;
      const trimmed = line.replace(/\s+$/, '');
      finding(
        'error',
        `The Salesforce CLI cannot read this line (${error.replace(/^Invalid regular expression: \/.*\/\w*: /, '')}): it then applies no line of .forceignore and none of its defaults, and deploys every file. Escape "[", "(" or "\\" with a backslash, or remove the line.`,
        lineRange(i, 0, trimmed.length),
      );
    }
    const backslash = line.indexOf('\\');
    if (backslash !== -1 && !line.startsWith('#'))
      finding(
        'warning',
        'A backslash is not a folder separator in .forceignore: the Salesforce CLI warns about this line and reads "\\" as an escape, so the line does not match the folders it names. Use "/".',
        lineRange(i, backslash, backslash + 1),
      );
  });
  const unpackaged = lines.findIndex((l) => l.includes('**/unpackaged/**'));
  if (unpackaged !== -1) {
    const at = (lines[unpackaged] as string).indexOf('**/unpackaged/**');
    finding(
      'warning',
      'The Salesforce CLI warns that "**/unpackaged/**" makes a retrieve ignore every file (it retrieves into a folder named unpackaged).',
      lineRange(unpackaged, at, at + '**/unpackaged/**'.length),
    );
  }
  return { patterns: readable ? lines.map((l, i) => (unsafe.has(i) ? '' : l)) : undefined, findings };
}

/** Whether a path (relative to the project root) is metadata that a deploy takes: XML metadata and Apex classes and triggers. */
export function isDeployable(relativePath: string): boolean {
  return classifyPath(relativePath) !== undefined;
}

/**
 * Which files iulint skips, through the `ignore` package (gitignore semantics, case-insensitive, as
 * the Salesforce CLI). Metadata that a deploy takes is matched as the CLI matches it: the CLI's
 * defaults (when there is a `.forceignore`), then the file's lines; every other source (user
 * definitions, tree files, scripts, CI workflows, `.sf/config.json`) by the file's lines alone, since
 * the defaults only keep dot-files out of a deploy. Then, for every file, the configuration's
 * `ignore` and the `--ignore-pattern`s.
 */
export class IgnoreMatcher {
  private readonly deployed: FastIgnore;
  private readonly other: FastIgnore;

  /**
   * @param forceignore the `.forceignore`'s patterns; `undefined` when there is none or the CLI cannot read it
   * @param extra further patterns (each already checked with `ignorePatternError`)
   */
  constructor(forceignore: readonly string[] | undefined, extra: readonly string[] = []) {
    this.deployed = new FastIgnore([...(forceignore ? FORCEIGNORE_DEFAULTS : []), ...(forceignore ?? []), ...extra], TRUSTED_DEFAULTS);
    // Without a `.forceignore`, metadata and other files are matched alike: one matcher, no classification.
    this.other = forceignore ? new FastIgnore([...forceignore, ...extra]) : this.deployed;
  }

  private static test(matcher: FastIgnore, path: string): boolean {
    try {
      return matcher.ignores(path);
    } catch {
      return false; // a path `ignore` refuses (such as "..."): the CLI accepts it
    }
  }

  /**
   * Whether a file (its `/`-separated path relative to the root) is ignored; `deployable`, when the
   * caller has classified the path already (`sourceKind`), spares classifying it again.
   */
  ignoresFile(relativePath: string, deployable?: boolean): boolean {
    const matcher = this.other === this.deployed || (deployable ?? isDeployable(relativePath)) ? this.deployed : this.other;
    return IgnoreMatcher.test(matcher, relativePath);
  }

  /** Whether everything in a folder is ignored, so the walk need not enter it. */
  ignoresFolder(relativePath: string): boolean {
    const dir = `${relativePath}/`;
    return IgnoreMatcher.test(this.deployed, dir) && (this.other === this.deployed || IgnoreMatcher.test(this.other, dir));
  }
}
