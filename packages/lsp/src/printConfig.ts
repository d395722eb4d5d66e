import { readFileSync } from 'node:fs';
import { dirname, extractFactsFromBytes, findProjectRoot, RULES, relativePath, Workspace } from '@iulint/core';
import { rebasePattern } from './ignorePatterns.js';
import { NodeFileSystem } from './nodeFs.js';

/**
 * `iulint check --print-config FILE`: what applies to that file, as ESLint's `--print-config` shows it:
 * the project and configuration file, whether the file is linted (and as which kind of source), every
 * rule's level and options, and the other settings. Lints nothing.
 */
export async function effectiveConfig(
  file: string,
  options: { configPath?: string; ignorePatterns: string[]; cwd: string },
): Promise<{ config?: unknown; problems: string[] }> {
  const fs = new NodeFileSystem();
  const kind = await fs.stat(file);
  const start = kind === 'directory' ? file : dirname(file);
  const root = (await findProjectRoot(fs, start)) ?? start;
  const ws = new Workspace(fs, root, RULES);
  if (options.configPath) ws.configPath = options.configPath;
  const ignorePatterns = options.ignorePatterns.flatMap((p) => rebasePattern(p, root, options.cwd) ?? []);
  await ws.loadSettings({ ...(options.configPath ? { configPath: options.configPath } : {}), ignorePatterns });
  const problems = ws.configProblems.map(
    (p) => `${relativePath(options.cwd, ws.configPath)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`,
  );
  if (problems.length > 0) return { problems };
  const c = ws.config;
  const rules: Record<string, unknown> = {};
  for (const r of RULES) {
    const set = c.rules[r.meta.id];
    const level = set?.level ?? r.meta.defaultLevel;
    const defaults = Object.fromEntries(Object.entries(r.meta.options ?? {}).map(([k, o]) => [k, o.default]));
    const options = { ...defaults, ...(set?.options ?? {}) };
    rules[r.meta.id] = Object.keys(options).length > 0 ? [level, options] : level;
  }
  const configExists = (await fs.stat(ws.configPath)) === 'file';
  return {
    problems: [],
    config: {
      file: relativePath(options.cwd, file),
      project: root,
      configFile: configExists ? ws.configPath : null,
      // What iulint reads the file as: metadata, userDefinition, dataTree, script, sfConfig, apex (null: nothing).
      kind: kind === 'file' ? (factsKind(file, ws.root) ?? null) : null,
      linted: kind === 'file' ? ws.wants(file) : null,
      rules,
      ignore: c.ignore,
      ignorePatterns,
      integrationUsers: c.integrationUsers,
      integrationNames: c.integrationNames,
      orgSnapshot: c.orgSnapshot ?? null,
      highRiskPermissions: c.highRiskPermissions,
      generalPurposeLicenses: c.generalPurposeLicenses,
      maxFileSize: c.maxFileSize,
    },
  };
}

function factsKind(file: string, root: string): string | undefined {
  try {
    return extractFactsFromBytes(file, readFileSync(file), { root })?.kind;
  } catch {
    return undefined;
  }
}
