import type { ConfigProblem } from '../config/config.js';
import type { Finding } from '../diagnostic.js';
import type { FileSystem } from '../fs.js';
import { Workspace, type WorkspaceOptions } from '../workspace/workspace.js';

export interface CheckResult {
  root: string;
  findings: Finding[];
  /** How many files were read. */
  filesChecked: number;
  /** Files and folders that could not be read, and problems with sfdx-project.json or the snapshot. */
  problems: string[];
  /** Of `problems`, an sfdx-project.json or an org snapshot that cannot be read: the answer would be wrong. */
  unreadable: string[];
  /** Problems in the configuration file, with their positions. */
  configProblems: ConfigProblem[];
  configPath: string;
  workspace: Workspace;
}

/** Lints a whole project, or the given paths inside it: the CLI's `check`. */
export async function checkProject(fs: FileSystem, root: string, options: WorkspaceOptions = {}): Promise<CheckResult> {
  const ws = await Workspace.load(fs, root, options);
  const findings = ws.lintAll();
  return {
    root: ws.root,
    findings,
    filesChecked: ws.files.size,
    problems: ws.problems,
    unreadable: ws.unreadable,
    configProblems: ws.configProblems,
    configPath: ws.configPath,
    workspace: ws,
  };
}
