import { integrationUserLicense } from './integration-user-license.js';
import { piuNoRunAs } from './piu-no-run-as.js';
import type { Rule } from './rule.js';
import { xmlSyntax } from './xml-syntax.js';

/** Every rule iulint has, in catalogue order. */
export const RULES: readonly Rule[] = [piuNoRunAs, integrationUserLicense, xmlSyntax];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
