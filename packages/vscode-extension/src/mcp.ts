import * as vscode from 'vscode';

/** The id under `contributes.mcpServerDefinitionProviders` in package.json. */
export const MCP_PROVIDER_ID = 'iulint.mcp';

/** The parts of VS Code's MCP API (1.101 and later) the extension uses; `@types/vscode` 1.91 does not have them. */
interface McpStdioServerDefinitionClass {
  new (label: string, command: string, args?: string[], env?: Record<string, string | number | null>, version?: string): object;
}
interface McpApi {
  registerMcpServerDefinitionProvider(
    id: string,
    provider: {
      onDidChangeMcpServerDefinitions?: vscode.Event<void>;
      provideMcpServerDefinitions(token: vscode.CancellationToken): vscode.ProviderResult<object[]>;
      resolveMcpServerDefinition?(server: object, token: vscode.CancellationToken): vscode.ProviderResult<object>;
    },
  ): vscode.Disposable;
}

/** What the registration gives the extension's API (and its tests). */
export interface McpRegistration {
  /** The definition VS Code was last given, or undefined before it asked. */
  provided: () => { label: string; command: string; args: string[] } | undefined;
}

/**
 * Registers `iulint mcp` (the bundled server, `dist/server.js mcp`) with VS Code's MCP support, so
 * agent mode can call iulint's tools. The API exists from VS Code 1.101 on: it is looked up at run
 * time (engines.vscode stays ^1.91), and where it is missing, or is VS Code 1.100's proposed API that
 * refuses extensions, nothing is registered and undefined is returned. VS Code passes the workspace folders to the server as MCP roots.
 */
export function registerMcpServer(context: vscode.ExtensionContext, serverModule: string, version: string): McpRegistration | undefined {
  const api = vscode as unknown as { lm?: Partial<McpApi>; McpStdioServerDefinition?: McpStdioServerDefinitionClass };
  const register = api.lm?.registerMcpServerDefinitionProvider;
  const Definition = api.McpStdioServerDefinition;
  if (typeof register !== 'function' || typeof Definition !== 'function') return undefined;
  let provided: { label: string; command: string; args: string[] } | undefined;
  let disposable: vscode.Disposable;
  try {
    disposable = register.call(api.lm, MCP_PROVIDER_ID, {
      provideMcpServerDefinitions: () => {
        // The extension host's own Node runs the bundle: Electron's binary acts as Node with ELECTRON_RUN_AS_NODE.
        provided = { label: 'iulint', command: process.execPath, args: [serverModule, 'mcp'] };
        return [new Definition(provided.label, provided.command, provided.args, { ELECTRON_RUN_AS_NODE: '1' }, version)];
      },
      resolveMcpServerDefinition: (server) => server,
    });
  } catch {
    // VS Code 1.100 has the function as a proposed API that throws for extensions that did not enable it.
    return undefined;
  }
  context.subscriptions.push(disposable);
  return { provided: () => provided };
}
