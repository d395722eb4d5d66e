import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyPath } from '../src/metadata/classify.js';

describe('classifyPath', () => {
  it.each([
    ['force-app/main/default/profiles/Admin.profile-meta.xml', 'Profile', 'source', 'Admin', true],
    ['src/profiles/Admin.profile', 'Profile', 'mdapi', 'Admin', true],
    ['force-app/main/default/profiles/Custom%3A Sales Profile.profile-meta.xml', 'Profile', 'source', 'Custom: Sales Profile', true],
    ['force-app/main/default/permissionsets/ERP.permissionset-meta.xml', 'PermissionSet', 'source', 'ERP', true],
    ['force-app/main/default/dashboards/Ops/Health.dashboard-meta.xml', 'Dashboard', 'source', 'Ops/Health', true],
    ['src/dashboards/Ops/Health.dashboard', 'Dashboard', 'mdapi', 'Ops/Health', true],
    [
      'force-app/main/default/PlatformEventSubscriberConfigs/O.platformEventSubscriberConfig-meta.xml',
      'PlatformEventSubscriberConfig',
      'source',
      'O',
      true,
    ],
    ['force-app/main/default/emailservices/Orders.xml-meta.xml', 'EmailServicesFunction', 'source', 'Orders', true],
    ['src/emailservices/Orders.xml', 'EmailServicesFunction', 'mdapi', 'Orders', true],
    ['force-app/main/default/sites/Partners.site-meta.xml', 'CustomSite', 'source', 'Partners', true],
    ['force-app/main/default/bots/Support/Support.bot-meta.xml', 'Bot', 'source', 'Support', true],
    ['force-app/main/default/bots/Support/v1.botVersion-meta.xml', 'BotVersion', 'source', 'v1', true],
    ['force-app/main/default/settings/Case.settings-meta.xml', 'CaseSettings', 'source', 'Case', true],
    ['force-app/main/default/classes/A.cls-meta.xml', 'ApexClass', 'source', 'A', true],
    ['src/classes/A.cls', 'ApexClass', 'mdapi', 'A', false],
  ])('%s is %s', (path, type, format, fullName, isXml) => {
    expect(classifyPath(path)).toEqual({ type, format, fullName, isXml });
  });

  // Rules v3: types the registry (SDR 12.37) does not know are read by their root element.
  it.each([
    ['force-app/main/default/aiAgents/Helper.aiAgentDefinition-meta.xml', 'AiAgentDefinition', 'source', 'Helper'],
    ['src/aiAgents/Helper.aiAgentDefinition', 'AiAgentDefinition', 'mdapi', 'Helper'],
    [
      'force-app/main/default/documentExtractionDefs/Invoices.documentExtractionDef-meta.xml',
      'DocumentExtractionDef',
      'source',
      'Invoices',
    ],
    ['force-app/main/default/aiAgents/Helper.agentDefinition-meta.xml', 'AiAgentDefinition', 'source', 'Helper'],
  ])('%s is read by its root element (%s until then)', (path, type, format, fullName) => {
    expect(classifyPath(path)).toEqual({ type, format, fullName, isXml: true, byRoot: true });
  });

  it('an Agent Script file is its bundle type, not XML', () => {
    expect(classifyPath('force-app/main/default/aiAuthoringBundles/Order_Help/Order_Help.agent')).toEqual({
      type: 'AiAuthoringBundle',
      format: 'source',
      fullName: 'Order_Help',
      isXml: false,
    });
  });

  it.each([
    'README.md',
    'docs/notes.md',
    'src/package.xml',
    'force-app/main/default/notes.xml',
    'force-app/main/default/profiles',
    'config/project-scratch-def.json',
    'force-app/main/default/lwc/cmp/cmp.js',
    'src/other/Helper.aiAgentDefinition',
  ])('%s is not metadata iulint reads', (path) => {
    const info = classifyPath(path);
    expect(info === undefined || info.isXml === false).toBe(true);
  });
});

describe('classifyPath of many files', () => {
  it('classifies a path the same whatever was classified before it (folders are remembered)', () => {
    const segments = [
      'force-app',
      'main',
      'default',
      'profiles',
      'permissionsets',
      'P',
      'objects',
      'A__c',
      'fields',
      'dashboards',
      'Ops',
      'bots',
      'B',
      '',
    ];
    const names = [
      'Admin.profile-meta.xml',
      'P.permissionset-meta.xml',
      'F.field-meta.xml',
      'D.dashboard-meta.xml',
      'B.bot-meta.xml',
      'x.userPermission-meta.xml',
      'Admin.profile',
      'n.txt',
      '',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(fc.constantFrom(...segments), { maxLength: 6 }), fc.constantFrom(...names)), {
          minLength: 1,
          maxLength: 20,
        }),
        (parts) => {
          const paths = parts.map(([dirs, name]) => [...dirs, name].join('/'));
          const forward = paths.map((p) => classifyPath(p));
          const backward = [...paths]
            .reverse()
            .map((p) => classifyPath(p))
            .reverse();
          expect(backward).toEqual(forward);
          // Repeated separators are no segments: the same as the path without them.
          for (const [i, p] of paths.entries()) expect(classifyPath(p.replace(/\/+/g, '/')), p).toEqual(forward[i]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
