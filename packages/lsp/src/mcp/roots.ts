import { fileURLToPath } from 'node:url';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { RootsListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { errorMessage, findProject, Project } from './project.js';

/** How long the client may take to answer `roots/list` before the current folder is used. */
const ROOTS_TIMEOUT_MS = 10_000;

/**
 * Which project the tools work on: `--root DIR` when given; else the client's MCP roots (asked with
 * `roots/list` when the client declares the capability, and asked again after
 * `notifications/roots/list_changed`), the first root in or below a Salesforce project; else the
 * project found from the current folder, as `iulint check` finds it. VS Code and Cursor do not start
 * servers in the project folder, so the roots matter.
 */
export class ProjectRoots {
  private current: Promise<Project> | undefined;

  constructor(
    private readonly server: Server,
    private readonly cwd: string,
    private readonly fixedRoot: string | undefined,
    private readonly log: (message: string) => void,
  ) {
    server.setNotificationHandler(RootsListChangedNotificationSchema, async () => {
      this.current = undefined;
    });
  }

  project(): Promise<Project> {
    this.current ??= this.resolve().catch((e: unknown) => {
      this.current = undefined;
      throw e;
    });
    return this.current;
  }

  private async resolve(): Promise<Project> {
    let root = this.fixedRoot;
    let why = '--root';
    if (!root) {
      root = await this.fromClientRoots();
      why = "the client's MCP roots";
    }
    if (!root) {
      root = (await findProject(this.cwd)) ?? this.cwd;
      why = 'the current folder';
    }
    this.log(`iulint mcp: the project is ${root} (from ${why})`);
    return new Project(root);
  }

  /** The project of the client's roots, or undefined when the client has none (or cannot say). */
  private async fromClientRoots(): Promise<string | undefined> {
    if (!this.server.getClientCapabilities()?.roots) return undefined;
    let uris: string[];
    try {
      const { roots } = await this.server.listRoots(undefined, { timeout: ROOTS_TIMEOUT_MS });
      uris = roots.map((r) => r.uri);
    } catch (e) {
      this.log(`iulint mcp: the client did not list its roots (${errorMessage(e)}); using ${this.cwd}`);
      return undefined;
    }
    const folders = uris.flatMap((uri) => {
      try {
        return uri.startsWith('file:') ? [fileURLToPath(uri)] : [];
      } catch {
        return [];
      }
    });
    if (folders.length === 0) return undefined;
    // The first root inside a Salesforce project (with sfdx-project.json in it or above it) wins.
    for (const folder of folders) {
      const root = await findProject(folder);
      if (root) return root;
    }
    return folders[0];
  }
}
