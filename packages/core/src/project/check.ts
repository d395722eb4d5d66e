import type { ConfigProblem } from '../config/config.js';
import type { Finding } from '../diagnostic.js';
import type { FileSystem } from '../fs.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import type { WorkspaceProblem } from '../workspace/problems.js';
import { Workspace, type WorkspaceOptions } from '../workspace/workspace.js';

export interface CheckResult {
  root: string;
  findings: Finding[];
  /** How many files were read. */
  filesChecked: number;
  /** Files and folders that could not be read, and problems with sfdx-project.json or the snapshot (`describeProblem` words them). */
  problems: WorkspaceProblem[];
  /** Problems in the configuration file, with their positions. */
  configProblems: ConfigProblem[];
  configPath: string;
  workspace: Workspace;
}

/**
 * Lints a whole project, or the given paths inside it: the CLI's `check`. Runs the built-in rules
 * unless `options.rules` names others.
 */
export async function checkProject(
  fs: FileSystem,
  root: string,
  options: WorkspaceOptions & { rules?: readonly Rule[] } = {},
): Promise<CheckResult> {
  const { rules = RULES, ...load } = options;
  const ws = await Workspace.load(fs, root, rules, load);
  const findings = ws.lintAll();
  return {
    root: ws.root,
    findings,
    filesChecked: ws.files.size,
    problems: ws.problems,
    configProblems: ws.configProblems,
    configPath: ws.configPath,
    workspace: ws,
  };
}
