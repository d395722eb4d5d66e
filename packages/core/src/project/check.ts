import { compareFindings, type Finding } from '../diagnostic.js';
import type { FileSystem } from '../fs.js';
import { type LintOptions, lintablePath, lintBytes } from '../linter.js';
import { listFiles, readProject } from './project.js';

export interface CheckResult {
  root: string;
  findings: Finding[];
  /** How many files were linted. */
  filesChecked: number;
  /** Files and folders that could not be read, and problems with sfdx-project.json. */
  problems: string[];
}

/**
 * Lints a whole project, or the given paths inside it: the CLI's `check`. Files are read one at a
 * time through the file system interface.
 */
export async function checkProject(fs: FileSystem, root: string, options: LintOptions = {}, only?: string[]): Promise<CheckResult> {
  const project = await readProject(fs, root);
  const problems = [...project.problems];
  const files = await listFiles(fs, only ?? project.packageDirectories, (m) => problems.push(m));
  const findings: Finding[] = [];
  let filesChecked = 0;
  for (const path of files) {
    if (!lintablePath(path)) continue;
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(path);
    } catch (e) {
      problems.push(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    filesChecked++;
    findings.push(...lintBytes(path, bytes, options));
  }
  findings.sort(compareFindings);
  return { root, findings, filesChecked, problems };
}
