import { CONFIG_FILE } from '../config/config.js';

/** A file iulint reads but did not lint, and why. */
export type SkippedFile =
  /** Larger than `maxFileSize` (bytes on disk, or characters of an editor's text). */
  | { kind: 'too-large'; path: string; size: number; maxFileSize: number }
  /** The file system could not read it. */
  | { kind: 'unreadable'; path: string; reason: string };

/** Something that went wrong while a workspace was read; everything else is still linted. */
export type WorkspaceProblem =
  | SkippedFile
  /** A folder the walk could not list. */
  | { kind: 'unreadable-folder'; path: string; reason: string }
  /** `sfdx-project.json` could not be used as it is (the project is linted as a whole folder, or without a package directory). */
  | { kind: 'project'; message: string }
  /** The org snapshot folder is missing, or one of its files cannot be read. */
  | { kind: 'snapshot'; message: string }
  /** An extra ignore pattern (`--ignore-pattern`) the `ignore` package cannot read: skipped. */
  | { kind: 'ignore-pattern'; pattern: string; reason: string };

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

/** A problem as one line (the CLI prints it after `iulint: `; the server logs it). */
export function describeProblem(p: WorkspaceProblem): string {
  switch (p.kind) {
    case 'too-large':
      return `skipped ${p.path}: ${mb(p.size)} MB is more than maxFileSize (${mb(p.maxFileSize)} MB); raise "maxFileSize" in ${CONFIG_FILE} to lint it`;
    case 'unreadable':
      return `cannot read ${p.path}: ${p.reason}`;
    case 'unreadable-folder':
      return `cannot read the folder ${p.path}: ${p.reason}`;
    case 'project':
    case 'snapshot':
      return p.message;
    case 'ignore-pattern':
      return `the ignore pattern "${p.pattern}" cannot be read (${p.reason}); skipped`;
  }
}

/** What a skipped file says about itself (an editor shows it on the file, as information). */
export function skippedNote(s: SkippedFile): string {
  return s.kind === 'too-large'
    ? `iulint skipped this file: it is larger than maxFileSize (${(s.maxFileSize / 1048576).toFixed(0)} MB); raise "maxFileSize" in ${CONFIG_FILE} to lint it.`
    : `iulint could not read this file: ${s.reason}.`;
}
