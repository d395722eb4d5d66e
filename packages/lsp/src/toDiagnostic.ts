import { docsUrl, type Finding, pathToUri, type Severity } from '@iulint/core';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A core finding as an LSP diagnostic: the rule id as code, `iulint` as source, a link to the rule's page;
 * related files by `uriOf` (the client's own URI for an open document).
 */
export function toDiagnostic(finding: Finding, uriOf: (path: string) => string = pathToUri): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: LSP_SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: docsUrl(finding.ruleId) },
    source: 'iulint',
    message: finding.message,
  };
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({
      location: { uri: uriOf(r.path), range: r.range },
      message: r.message,
    }));
  }
  return diagnostic;
}
