// Prints what iulint read in a folder: files by kind and metadata type, users, commands (a debugging aid).
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { Workspace } from '../../core/dist/index.js';

const fs = {
  readFile: (p) => fsp.readFile(p),
  async readDirectory(p) {
    const e = await fsp.readdir(p, { withFileTypes: true });
    return e.map((x) => ({
      name: x.name,
      kind: x.isFile() ? 'file' : x.isDirectory() ? 'directory' : x.isSymbolicLink() ? 'symlink' : 'other',
    }));
  },
  async stat(p) {
    try {
      const s = await fsp.stat(p);
      return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
    } catch {
      return undefined;
    }
  },
};
const root = resolve(process.argv[2] ?? '.');
const ws = await Workspace.load(fs, root);
const counts = {};
for (const f of ws.files.values()) {
  const k = f.kind === 'metadata' ? `metadata:${f.info.type}` : f.kind;
  counts[k] = (counts[k] ?? 0) + 1;
  if (f.kind === 'userDefinition')
    console.log(
      'user',
      f.path.slice(root.length + 1),
      f.user.username?.value,
      f.user.profileName?.value,
      f.user.permsets.map((p) => p.value),
    );
  if (f.kind === 'dataTree' && (f.users.length || f.assignments.length))
    console.log('tree', f.path.slice(root.length + 1), f.users.length, f.assignments.length);
  if (f.kind === 'script' && f.commands.length)
    console.log(
      'script',
      f.path.slice(root.length + 1),
      f.commands.map((c) => c.command),
    );
  if (f.kind === 'metadata' && f.userReferences.length)
    console.log('refs', f.path.slice(root.length + 1), f.userReferences.map((r) => `${r.element}=${r.username.value}`).join(' '));
}
console.log(
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25),
);
console.log('problems', ws.problems);
