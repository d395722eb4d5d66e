import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../src/config/config.js';
import { configSchema } from '../src/config/schema.js';
import { RULES } from '../src/rules/index.js';

const published = readFileSync(new URL('../schema/iulint.config.schema.json', import.meta.url), 'utf8');

describe('the configuration JSON schema', () => {
  it('is generated from the declarations parseConfig reads with, and the built-in rules (npm run build writes it)', () => {
    expect(published).toBe(`${JSON.stringify(configSchema(RULES), null, 2)}\n`);
  });

  it('names every rule and every setting the parser reads', () => {
    const schema = JSON.parse(published);
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'rules', ...Object.keys(SETTINGS)]);
    expect(Object.keys(SETTINGS).sort()).toEqual([
      'generalPurposeLicenses',
      'highRiskPermissions',
      'ignore',
      'integrationNames',
      'integrationUsers',
      'maxFileSize',
      'orgSnapshot',
    ]);
  });

  it('lists the options each rule declares, with their types and defaults', () => {
    const schema = JSON.parse(published);
    for (const rule of RULES) {
      const options = schema.properties.rules.properties[rule.meta.id].oneOf[1].items[1].properties ?? {};
      const declared = Object.fromEntries(
        Object.entries(rule.meta.options ?? {}).map(([k, o]) => [k, { type: o.type, default: o.default }]),
      );
      const inSchema = Object.fromEntries(
        Object.entries(options).map(([k, o]) => [k, { type: (o as { type: string }).type, default: (o as { default: unknown }).default }]),
      );
      expect(inSchema, rule.meta.id).toEqual(declared);
    }
    expect(Object.keys(schema.properties.integrationNames.properties).sort()).toEqual(['add', 'exclude']);
  });
});
