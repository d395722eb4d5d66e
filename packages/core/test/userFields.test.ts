import { describe, expect, it } from 'vitest';
import { analyse, installedTypings, loadReviewed } from '../scripts/user-fields.mjs';
import { userReferenceCatalogue } from '../src/metadata/userReferences.js';

/**
 * The catalogue of user-bearing elements against Salesforce's metadata typings (@salesforce/types, a
 * devDependency): scripts/user-fields.mjs lists the user-like string fields the catalogue does not read.
 * Candidates are printed, never a failure; a catalogue entry the typings lack, or a judged field the
 * typings no longer have, is.
 */
describe('user-bearing elements against @salesforce/types', () => {
  const { version, text } = installedTypings();
  const reviewed = loadReviewed();
  const result = analyse(text, userReferenceCatalogue(), reviewed.fields);

  it('prints the candidates the catalogue does not read and nobody has judged (reported, not failing)', () => {
    console.log(
      `@salesforce/types ${version}: ${result.userLike} user-like string fields, ${result.catalogued.length} catalogued; ` +
        (result.candidates.length === 0 ? 'no new candidates.' : `candidates to judge: ${result.candidates.join(', ')}`),
    );
    expect(result.types).toBeGreaterThan(1000);
  });

  it('every catalogue entry is a string field of the typings, except those known to be missing from them', () => {
    expect(result.unresolved).toEqual(Object.keys(reviewed.notInTypings));
  });

  it('the v3 elements are catalogued under the names the typings give them', () => {
    for (const f of [
      'AiAgentDefinition.botUser',
      'Bot.botUser',
      'DocumentExtractionDef.batchUser',
      'FlowTest.runTestAsUser',
      'ExtlClntAppOauthConfigurablePolicies.executeHandlerAs',
      'WorkflowOutboundMessage.integrationUser',
      'ConnectedAppOauthConfig.oauthClientCredentialUser',
      'RuleEntry.assignedTo',
      'EscalationAction.assignedTo',
    ])
      expect(result.catalogued, f).toContain(f);
  });

  it('every judged field is still in the typings, and has a reason', () => {
    expect(result.stale).toEqual([]);
    for (const [field, r] of Object.entries(reviewed.fields)) expect(r.reason.length, field).toBeGreaterThan(5);
  });

  it('a field a new release adds is reported as a candidate', () => {
    const next = `${text}\nexport type AiAgentRunner = Metadata & {\n    label: string;\n    runAsUser?: string;\n    userType?: string;\n};\n`;
    const later = analyse(next, userReferenceCatalogue(), reviewed.fields);
    expect(later.candidates).toEqual([...result.candidates, 'AiAgentRunner.runAsUser'].sort());
  });
});
