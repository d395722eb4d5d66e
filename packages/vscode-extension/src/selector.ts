import { metadataApiGlobs } from '@iulint/core';

/** A document filter both VS Code and the language client accept. */
export interface FileFilter {
  scheme: 'file';
  pattern: string;
}

/**
 * The files the server is sent: Salesforce metadata (source format `*-meta.xml`, and the Metadata API
 * format files of the types iulint reads, in their folders), JSON (user definitions, tree files, the CLI
 * config), scripts and CI workflows, Apex, Agent Script (`aiAuthoringBundles/<Name>/<Name>.agent`), and `.forceignore` (the Salesforce CLI's warnings about it).
 * The server ignores any file that is not one of its sources. The same Metadata API globs are the XML
 * association of `contributes.languages` in package.json (test/manifest.test.ts keeps the two equal).
 */
export const DOCUMENT_SELECTOR: FileFilter[] = [
  { scheme: 'file', pattern: '**/*-meta.xml' },
  ...metadataApiGlobs().map((pattern): FileFilter => ({ scheme: 'file', pattern })),
  { scheme: 'file', pattern: '**/emailservices/*.xml' },
  { scheme: 'file', pattern: '**/*.json' },
  { scheme: 'file', pattern: '**/*.{cls,trigger,apex}' },
  { scheme: 'file', pattern: '**/aiAuthoringBundles/*/*.agent' },
  { scheme: 'file', pattern: '**/*.{sh,bash,zsh,yml,yaml}' },
  { scheme: 'file', pattern: '**/.forceignore' },
];
