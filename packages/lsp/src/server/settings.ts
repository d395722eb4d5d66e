import {
  isAbsolutePath,
  isInside,
  LineIndex,
  matchesValueGlob,
  normalizePath,
  parseJson,
  type Severity,
  type WorkspaceOptions,
} from '@iulint/core';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';

/** Editor-side settings (section `iulint`), per root. */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Whose findings reach the editor: every file of the project once it is indexed, or the open ones. */
  scope: 'workspace' | 'openFiles';
  rules: { customizations: Array<{ rule: string; severity: Severity | 'off' | 'default' }> };
  configFile: string | undefined;
  orgSnapshot: string | undefined;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  scope: 'workspace',
  rules: { customizations: [] },
  configFile: undefined,
  orgSnapshot: undefined,
};

/** Settings with every field present, from what a client sent (anything it left out keeps its default). */
export function normalizeSettings(v: Partial<Settings> | null): Settings {
  const customizations = Array.isArray(v?.rules?.customizations) ? v.rules.customizations : [];
  return {
    enable: v?.enable !== false,
    run: v?.run === 'onSave' ? 'onSave' : 'onType',
    scope: v?.scope === 'openFiles' ? 'openFiles' : 'workspace',
    rules: { customizations },
    configFile: typeof v?.configFile === 'string' && v.configFile ? v.configFile : undefined,
    orgSnapshot: typeof v?.orgSnapshot === 'string' && v.orgSnapshot ? v.orgSnapshot : undefined,
  };
}

/** The settings that are paths, read by the server (the VS Code extension restricts them in an untrusted workspace). */
export const PATH_SETTINGS = ['configFile', 'orgSnapshot'] as const;

const resolveIn = (root: string, p: string) => normalizePath(isAbsolutePath(p) ? p : `${root}/${p}`);

/**
 * The settings without the paths that come with the project and leave it: a path setting whose value the
 * folder's own `.vscode/settings.json` gives (`"iulint.orgSnapshot"`, or `"iulint": { "orgSnapshot" }`),
 * and that resolves outside the folder (`real` follows the symbolic links on the way, as the CLI refuses
 * an `orgSnapshot` reached through one), is dropped, with a message naming the file, line and column. The
 * same value from the user's own settings (anywhere else) stays: that is the user's choice.
 */
export function refuseProjectPaths(
  root: string,
  s: Settings,
  workspaceSettingsText: string | undefined,
  real: (path: string) => string = (path) => path,
): { settings: Settings; refused: string[] } {
  if (workspaceSettingsText === undefined) return { settings: s, refused: [] };
  const parsed = parseJson(workspaceSettingsText).value;
  if (parsed?.type !== 'object') return { settings: s, refused: [] };
  const lines = new LineIndex(workspaceSettingsText);
  const out: Settings = { ...s };
  const refused: string[] = [];
  for (const name of PATH_SETTINGS) {
    const value = s[name];
    if (value === undefined || isInside(real(root), real(resolveIn(root, value)))) continue;
    const flat = parsed.properties.find((p) => p.key === `iulint.${name}`);
    const nested = parsed.properties.find((p) => p.key === 'iulint' && p.value.type === 'object');
    const inner = nested?.value.type === 'object' ? nested.value.properties.find((p) => p.key === name) : undefined;
    const given = [flat, inner].find((p) => p?.value.type === 'string' && p.value.value === value);
    if (!given) continue;
    const at = lines.positionAt(given.keyStart);
    out[name] = undefined;
    refused.push(
      `.vscode/settings.json:${at.line + 1}:${at.character + 1}: "iulint.${name}" ("${value}") leaves the workspace folder; a path that comes with the project is never followed out of it, so it is ignored. Set it in your user settings to use a folder elsewhere.`,
    );
  }
  return { settings: out, refused };
}

/** The workspace options a root's settings give (`configFile` and `orgSnapshot`, relative to the root). */
export function workspaceOptions(root: string, s: Settings): WorkspaceOptions {
  const resolve = (p: string) => resolveIn(root, p);
  return {
    ...(s.configFile ? { configPath: resolve(s.configFile) } : {}),
    ...(s.orgSnapshot ? { snapshotDir: resolve(s.orgSnapshot) } : {}),
  };
}

const SEVERITIES = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** Applies the editor's severity customizations (`iulint.rules.customizations`) to diagnostics; the last match wins. */
export function customize(diagnostics: Diagnostic[], settings: Settings): Diagnostic[] {
  if (settings.rules.customizations.length === 0) return diagnostics;
  // `rule` is a glob (`*`), matched without backtracking, as every value glob is.
  const patterns = [...settings.rules.customizations].reverse();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const c = patterns.find((p) => matchesValueGlob(String(p.rule), String(d.code)));
    if (!c || c.severity === 'default') out.push(d);
    else if (c.severity !== 'off') out.push({ ...d, severity: SEVERITIES[c.severity] ?? d.severity });
  }
  return out;
}
