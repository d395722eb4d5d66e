import { readFileSync } from 'node:fs';
import { parseConfig, RULES } from '@iulint/core';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

/** The published JSON schema of iulint.config.json, judged by Ajv, agrees with iulint's own reading of integrationNames and byName. */
const schema = JSON.parse(readFileSync(new URL('../../core/schema/iulint.config.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ strict: false }).compile(schema);

describe('iulint.config.json schema: integrationNames and byName (RULES.md v2)', () => {
  const cases: Array<[string, unknown, boolean]> = [
    [
      'words, patterns and byName',
      {
        integrationNames: { add: ['marketo', 'Online Application*'], exclude: ['API Admin'] },
        rules: { 'integration-least-privilege': ['warning', { byName: false }], 'integration-user-license': ['warning', { byName: true }] },
      },
      true,
    ],
    ['an unknown key in integrationNames', { integrationNames: { words: ['x'] } }, false],
    ['add that is not an array', { integrationNames: { add: 'marketo' } }, false],
    ['byName that is not a boolean', { rules: { 'integration-permission-set-license': ['error', { byName: 'no' }] } }, false],
  ];
  for (const [name, config, valid] of cases) {
    it(`${name}: ${valid ? 'valid' : 'invalid'} for the schema and for iulint`, () => {
      expect(validate(config), JSON.stringify(validate.errors)).toBe(valid);
      expect(parseConfig(JSON.stringify(config), RULES).problems.length === 0).toBe(valid);
    });
  }
});
