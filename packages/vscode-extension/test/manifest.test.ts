import { readFileSync } from 'node:fs';
import { metadataApiGlobs } from '@iulint/core';
import { DEFAULT_SETTINGS } from '@iulint/lsp/settings';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_SELECTOR } from '../src/selector.js';

/** The extension's manifest, as VS Code reads it. */
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('the manifest agrees with the server', () => {
  it('associates exactly the Metadata API files of the types iulint reads, in their folders, with XML', () => {
    const xml = manifest.contributes.languages.find((l: { id: string }) => l.id === 'xml');
    expect(xml.filenamePatterns).toEqual(metadataApiGlobs());
    expect(xml.filenamePatterns).toContain('**/profiles/*.profile');
    // Each one names its folder: never a bare suffix, which would take a shell's ~/.profile.
    for (const p of xml.filenamePatterns) expect(p).toMatch(/^\*\*\/[A-Za-z]+\/(\*\/)?\*\.[A-Za-z]+$/);
    expect(xml.extensions).toBeUndefined();
    // The client sends those files to the server.
    for (const p of xml.filenamePatterns) expect(DOCUMENT_SELECTOR.map((f) => f.pattern)).toContain(p);
  });

  it('declares every server setting under iulint.*, with the server’s default', () => {
    const props = manifest.contributes.configuration.properties;
    const flat: Record<string, unknown> = {
      'iulint.enable': DEFAULT_SETTINGS.enable,
      'iulint.run': DEFAULT_SETTINGS.run,
      'iulint.scope': DEFAULT_SETTINGS.scope,
      'iulint.rules.customizations': DEFAULT_SETTINGS.rules.customizations,
      'iulint.configFile': '',
      'iulint.orgSnapshot': '',
    };
    expect(Object.keys(DEFAULT_SETTINGS).sort()).toEqual(['configFile', 'enable', 'orgSnapshot', 'rules', 'run', 'scope']);
    for (const [key, value] of Object.entries(flat)) expect(props[key]?.default, key).toEqual(value);
    expect(props['iulint.scope'].enum).toEqual(['workspace', 'openFiles']);
  });
});
