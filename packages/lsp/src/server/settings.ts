import { isAbsolutePath, normalizePath, type Severity, type WorkspaceOptions } from '@iulint/core';
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

/** The workspace options a root's settings give (`configFile` and `orgSnapshot`, relative to the root). */
export function workspaceOptions(root: string, s: Settings): WorkspaceOptions {
  const resolve = (p: string) => normalizePath(isAbsolutePath(p) ? p : `${root}/${p}`);
  return {
    ...(s.configFile ? { configPath: resolve(s.configFile) } : {}),
    ...(s.orgSnapshot ? { snapshotDir: resolve(s.orgSnapshot) } : {}),
  };
}

const SEVERITIES = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** Applies the editor's severity customizations (`iulint.rules.customizations`) to diagnostics; the last match wins. */
export function customize(diagnostics: Diagnostic[], settings: Settings): Diagnostic[] {
  if (settings.rules.customizations.length === 0) return diagnostics;
  const patterns = [...settings.rules.customizations].reverse().map((c) => ({
    c,
    re: new RegExp(
      `^${String(c.rule)
        .replace(/[.+^${}()|[\]\\?]/g, '\\$&')
        .replace(/\*/g, '.*')}$`,
    ),
  }));
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const c = patterns.find((p) => p.re.test(String(d.code)))?.c;
    if (!c || c.severity === 'default') out.push(d);
    else if (c.severity !== 'off') out.push({ ...d, severity: SEVERITIES[c.severity] ?? d.severity });
  }
  return out;
}
