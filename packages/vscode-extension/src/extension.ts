import * as path from 'node:path';
import type { ExtensionContext } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

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
];

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'] },
    debug: { module: serverModule, transport: TransportKind.stdio, args: ['lsp'], options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/*-meta.xml' },
      { scheme: 'file', pattern: `**/*.{${MDAPI_SUFFIXES.join(',')}}` },
      { scheme: 'file', pattern: '**/emailservices/*.xml' },
    ],
  };
  client = new LanguageClient('iulint', 'iulint', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
