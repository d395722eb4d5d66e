/**
 * A rule's page, `docs/rules/<id>.md`, as text. The pages are bundled into the program (esbuild's
 * glob import with the `text` loader; vitest reads them through the same import), so `iulint mcp`
 * serves them without the repository. Undefined for an id that has no page.
 */
export async function rulePage(id: string): Promise<string | undefined> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return undefined;
  try {
    const page: { default: string } = await import(`../../../../docs/rules/${id}.md`);
    return page.default;
  } catch {
    return undefined;
  }
}
