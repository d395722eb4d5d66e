import type { Finding, RelatedLocation } from '../diagnostic.js';
import { relativePath } from '../fs.js';
import { RULES } from '../rules/index.js';
import { docsUrl } from '../rules/rule.js';
import type { Range } from '../text/positions.js';
import type { ReportInput } from './summary.js';

const ROOT_ID = 'PROJECTROOT';

function sarifLevel(severity: string): 'error' | 'warning' | 'note' | 'none' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : severity === 'info' ? 'note' : 'none';
}

function fileUri(absPath: string): string {
  const p = absPath.endsWith('/') ? absPath : `${absPath}/`;
  return `file://${p.split('/').map(encodeURIComponent).join('/')}`;
}

function relativeUri(root: string, path: string): string {
  return relativePath(root, path).split('/').map(encodeURIComponent).join('/');
}

function region(r: Range) {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

function location(root: string, path: string, range: Range) {
  return { physicalLocation: { artifactLocation: { uri: relativeUri(root, path), uriBaseId: ROOT_ID }, region: region(range) } };
}

/** SARIF 2.1.0, as GitHub code scanning reads it: the rule catalogue, results, related locations. */
export function formatSarif(input: ReportInput): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const result = (f: Finding, suppressed = false) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: sarifLevel(f.severity),
    rank: f.byName ? 50 : 90, // RULES.md v2: findings that rest on a name only are less certain
    message: { text: f.message },
    locations: [location(input.root, f.path, f.range)],
    ...(suppressed ? { suppressions: [{ kind: 'external', justification: 'In the iulint baseline (iulint-baseline.json).' }] } : {}),
    ...(f.fix
      ? {
          fixes: [
            {
              description: { text: f.fix.title },
              artifactChanges: [
                {
                  artifactLocation: { uri: relativeUri(input.root, f.path), uriBaseId: ROOT_ID },
                  replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                },
              ],
            },
          ],
        }
      : {}),
    ...(f.related.length > 0
      ? {
          relatedLocations: f.related.map((r: RelatedLocation, id: number) => ({
            id,
            message: { text: r.message },
            ...location(input.root, r.path, r.range),
          })),
        }
      : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'iulint',
            version: input.toolVersion,
            informationUri: 'https://github.com/iulint/iulint',
            rules: RULES.map((r) => ({
              id: r.meta.id,
              // SARIF wants a readable name that differs from the id (SARIF1001): PiuNoRunAs.
              name: r.meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.description },
              helpUri: docsUrl(r.meta.id),
              defaultConfiguration: { level: sarifLevel(r.meta.defaultLevel) },
            })),
          },
        },
        originalUriBaseIds: { [ROOT_ID]: { uri: fileUri(input.root) } },
        columnKind: 'utf16CodeUnits',
        results: [...input.findings.map((f) => result(f)), ...(input.suppressed ?? []).map((f) => result(f, true))],
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
