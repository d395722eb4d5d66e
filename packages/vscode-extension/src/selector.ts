/** A document filter both VS Code and the language client accept. */
export interface FileFilter {
  scheme: 'file';
  pattern: string;
}

/** Metadata API format suffixes of the XML types iulint reads; source format files end in -meta.xml. */
const MDAPI_SUFFIXES = [
  'profile',
  'permissionset',
  'permissionsetgroup',
  'mutingpermissionset',
  'connectedApp',
  'dashboard',
  'snapshot',
  'bot',
  'platformEventSubscriberConfig',
  'site',
  'queue',
  'settings',
  'workflow',
  'approvalProcess',
  'assignmentRules',
  'autoResponseRules',
  'escalationRules',
  'authprovider',
  'samlssoconfig',
  'transactionSecurityPolicy',
  'eca',
  'ecaOauthPlcy',
  'namedCredential',
  'externalCredential',
  'aiAgentDefinition',
  'documentExtractionDef',
  'flowtest',
];

/**
 * The files the server is sent: Salesforce metadata, JSON (user definitions, tree files, the CLI
 * config), scripts and CI workflows, Apex, Agent Script (`aiAuthoringBundles/<Name>/<Name>.agent`), and
 * `.forceignore` (the Salesforce CLI's warnings about it).
 * The server ignores any file that is not one of its sources.
 */
export const DOCUMENT_SELECTOR: FileFilter[] = [
  { scheme: 'file', pattern: '**/*-meta.xml' },
  { scheme: 'file', pattern: `**/*.{${MDAPI_SUFFIXES.join(',')}}` },
  { scheme: 'file', pattern: '**/emailservices/*.xml' },
  { scheme: 'file', pattern: '**/*.json' },
  { scheme: 'file', pattern: '**/*.{cls,trigger,apex}' },
  { scheme: 'file', pattern: '**/aiAuthoringBundles/*/*.agent' },
  { scheme: 'file', pattern: '**/*.{sh,bash,zsh,yml,yaml}' },
  { scheme: 'file', pattern: '**/.forceignore' },
];
