import { pathToFileURL } from 'node:url';
import { docsUrl, type Finding, type Severity } from '@iulint/core';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** A core finding as an LSP diagnostic: the rule id as code, `iulint` as source, a link to the rule's page. */
export function toDiagnostic(finding: Finding): Diagnostic {
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
      location: { uri: pathToFileURL(r.path).href, range: r.range },
      message: r.message,
    }));
  }
  return diagnostic;
}
