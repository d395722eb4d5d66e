import type { ArtifactLocation, Location, Log, Region, ReportingDescriptor, Result } from 'sarif';
import type { Finding } from '../diagnostic.js';
import { isInside, relativePath } from '../fs.js';
import { docsUrl, type Rule } from '../rules/rule.js';
import { stringifyJson } from '../text/escape.js';
import type { Range } from '../text/positions.js';
import { pathToUri } from '../uri.js';
import type { ReportInput } from './summary.js';

const ROOT_ID = 'PROJECTROOT';

function sarifLevel(severity: string): Result.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : severity === 'info' ? 'note' : 'none';
}

/** The project root as a SARIF base URI: VS Code's spelling of the path (`file:///c%3A/proj/` for `c:/proj`), ending with `/`. */
export function sarifRootUri(root: string): string {
  const uri = pathToUri(root);
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** A path a URI can spell: an unpaired surrogate (a Windows file name may hold one) becomes U+FFFD, which UTF-8 can carry. */
function wellFormed(path: string): string {
  return path.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A file inside the root relative to `PROJECTROOT`; any other (another drive) as an absolute URI. */
function artifact(root: string, path: string): ArtifactLocation {
  if (!isInside(root, path)) return { uri: pathToUri(wellFormed(path)) };
  return { uri: wellFormed(relativePath(root, path)).split('/').map(encodeURIComponent).join('/'), uriBaseId: ROOT_ID };
}

function region(r: Range): Region {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

function location(root: string, path: string, range: Range): Location {
  return { physicalLocation: { artifactLocation: artifact(root, path), region: region(range) } };
}

function descriptor(rule: Rule): ReportingDescriptor {
  return {
    id: rule.meta.id,
    // SARIF wants a readable name that differs from the id (SARIF1001): PiuNoRunAs.
    name: rule.meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.meta.description },
    helpUri: docsUrl(rule.meta.id),
    defaultConfiguration: { level: sarifLevel(rule.meta.defaultLevel) },
  };
}

/**
 * One finding as a SARIF result: rule, level, message, location, and (when there are some) the
 * baseline suppression, the fix and related locations. Each part is its own property, so a new one
 * (such as `rank`) is one more line.
 */
export function sarifResult(root: string, f: Finding, ruleIndex: ReadonlyMap<string, number>, suppressed = false): Result {
  const index = ruleIndex.get(f.ruleId);
  const result: Result = {
    ruleId: f.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: sarifLevel(f.severity),
    rank: f.byName ? 50 : 90, // findings that rest on a name only are less certain (docs/integration-names.md)
    message: { text: f.message },
    locations: [location(root, f.path, f.range)],
  };
  if (suppressed) result.suppressions = [{ kind: 'external', justification: 'In the iulint baseline (iulint-baseline.json).' }];
  if (f.fix)
    result.fixes = [
      {
        description: { text: f.fix.title },
        artifactChanges: [
          {
            artifactLocation: artifact(root, f.path),
            replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
          },
        ],
      },
    ];
  if (f.related.length > 0)
    result.relatedLocations = f.related.map((r, id) => ({ id, message: { text: r.message }, ...location(root, r.path, r.range) }));
  return result;
}

/** SARIF 2.1.0, as GitHub code scanning reads it: the rule catalogue, results, related locations. */
export function formatSarif(input: ReportInput): string {
  const ruleIndex = new Map(input.rules.map((r, i) => [r.meta.id, i]));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iulint',
            version: input.toolVersion,
            informationUri: 'https://github.com/iulint/iulint',
            rules: input.rules.map(descriptor),
          },
        },
        originalUriBaseIds: { [ROOT_ID]: { uri: sarifRootUri(input.root) } },
        columnKind: 'utf16CodeUnits',
        results: [
          ...input.findings.map((f) => sarifResult(input.root, f, ruleIndex)),
          ...(input.suppressed ?? []).map((f) => sarifResult(input.root, f, ruleIndex, true)),
        ],
      },
    ],
  };
  return `${stringifyJson(log, 2)}\n`;
}
