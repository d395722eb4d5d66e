import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

describe('the configuration JSON schema', () => {
  it('names every rule and every setting the parser reads', () => {
    const schema = JSON.parse(readFileSync(new URL('../schema/iulint.config.schema.json', import.meta.url), 'utf8'));
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(Object.keys(schema.properties).sort()).toEqual([
      '$schema',
      'generalPurposeLicenses',
      'highRiskPermissions',
      'ignore',
      'integrationUsers',
      'maxFileSize',
      'orgSnapshot',
      'rules',
    ]);
  });
});
