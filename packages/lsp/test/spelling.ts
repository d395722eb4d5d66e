import { relative } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { runCli } from './helpers.js';

/**
 * How real clients spell a file's URI, written here by hand (never with the server's helper):
 * VS Code through vscode-uri, its own implementation (`(`→`%28`, a drive colon → `%3A`); Kate
 * literally (QUrl leaves spaces, parentheses and non-ASCII alone, encodes `%` and `#`); Neovim 0.7
 * every byte outside `[A-Za-z0-9-._~/]` as lower-case `%xx`.
 */
export const SPELLINGS = {
  vscode: (path: string) => URI.file(path).toString(),
  kate: (path: string) => `file://${path.replace(/%/g, '%25').replace(/#/g, '%23').replace(/\?/g, '%3F')}`,
  neovim07: (path: string) =>
    `file://${[...Buffer.from(path, 'utf8')]
      .map((b) => {
        const c = String.fromCharCode(b);
        return /[A-Za-z0-9\-._~/]/.test(c) ? c : `%${b.toString(16).padStart(2, '0')}`;
      })
      .join('')}`,
} as const;

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

/** One finding as a comparable line: rule, severity, 0-based range, message. */
const line = (rule: string, severity: number | undefined, r: Diagnostic['range'], message: string) =>
  `${rule} ${severity} ${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${message}`;

export const fromServer = (d: Diagnostic[] | undefined) =>
  (d ?? []).map((x) => line(String(x.code), x.severity, x.range, String(x.message))).sort();

/** One finding of `iulint check --format json`, as the tests read it. */
export interface CliFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A fresh `iulint check --format json` of the project: each file's findings (relative path → lines). */
export function cliFindings(root: string): Map<string, string[]> {
  const r = runCli(['check', root, '--format', 'json']);
  if (r.status === 2 || !r.stdout) throw new Error(`iulint check failed: ${r.stderr}`);
  const out = new Map<string, string[]>();
  for (const f of (JSON.parse(r.stdout) as { findings: CliFinding[] }).findings) {
    const range = { start: { line: f.line - 1, character: f.column - 1 }, end: { line: f.endLine - 1, character: f.endColumn - 1 } };
    out.set(f.file, [...(out.get(f.file) ?? []), line(f.ruleId, SEVERITY[f.severity], range, f.message)].sort());
  }
  return out;
}

/** A URI's file relative to the root, decoded by vscode-uri (an independent judge). */
export const fileOf = (root: string, uri: string) => relative(root, URI.parse(uri).fsPath).split('\\').join('/');
