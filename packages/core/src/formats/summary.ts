import type { Finding } from '../diagnostic.js';
import type { Rule } from '../rules/rule.js';

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(findings: readonly Finding[]): Summary {
  const s = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  return s;
}

/** What every output format needs besides the findings. */
export interface ReportInput {
  /** The project root; file paths are shown relative to it. */
  root: string;
  findings: readonly Finding[];
  filesChecked: number;
  toolVersion: string;
  /** The rules that ran (SARIF lists them as the tool's rules). */
  rules: readonly Rule[];
  /** Findings the baseline already holds: left out of text and JSON, carried as suppressed in SARIF. */
  suppressed?: readonly Finding[];
}
