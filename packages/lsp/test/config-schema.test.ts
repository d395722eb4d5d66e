import { readFileSync } from 'node:fs';
import { RULES } from '@iulint/core';
import { parseConfig } from '@iulint/core/internal';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';

/** The published JSON schema of iulint.config.json, judged by Ajv, agrees with iulint's own reading of every setting. */
const schema = JSON.parse(readFileSync(new URL('../../core/schema/iulint.config.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ strict: false }).compile(schema);

describe('iulint.config.json: the published schema (judged by Ajv) and iulint agree on every setting', () => {
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
    ['a misspelt option (byname)', { rules: { 'integration-least-privilege': ['warning', { byname: false }] } }, false],
    ['an option for a rule that takes none', { rules: { 'piu-no-create': ['error', { byName: false }] } }, false],
    ['byName that is not a boolean', { rules: { 'integration-permission-set-license': ['error', { byName: 'no' }] } }, false],
    // Every other setting, valid and not: the schema and the parser come from one declaration.
    [
      'every setting',
      {
        $schema: './s.json',
        ignore: ['legacy/**'],
        integrationUsers: ['svc.*@acme.com'],
        orgSnapshot: '.iulint/snapshot',
        highRiskPermissions: ['ModifyAllData'],
        generalPurposeLicenses: ['Identity'],
        maxFileSize: 1024,
      },
      true,
    ],
    ['ignore that is a string', { ignore: 'legacy/**' }, false],
    ['ignore with a number', { ignore: ['legacy/**', 1] }, false],
    ['integrationUsers that is an object', { integrationUsers: {} }, false],
    ['orgSnapshot that is a number', { orgSnapshot: 3 }, false],
    ['highRiskPermissions that is a string', { highRiskPermissions: 'ModifyAllData' }, false],
    ['generalPurposeLicenses with a boolean', { generalPurposeLicenses: [true] }, false],
    ['maxFileSize 0', { maxFileSize: 0 }, false],
    ['maxFileSize 1.5', { maxFileSize: 1.5 }, false],
    ['maxFileSize as a string', { maxFileSize: '1024' }, false],
    ['an unknown setting', { colour: true }, false],
    ['a setting named like a property of every object', { constructor: true }, false],
    ['levels and [level, options]', { rules: { 'xml-syntax': 'off', 'piu-no-run-as': ['warning'], 'unknown-user': ['info', {}] } }, true],
    ['an unknown level', { rules: { 'xml-syntax': 'loud' } }, false],
    ['an unknown rule', { rules: { 'no-such-rule': 'error' } }, false],
    ['options that are not an object', { rules: { 'xml-syntax': ['error', 3] } }, false],
    ['rules that is an array', { rules: [] }, false],
    ['[level, options] with a third item', { rules: { 'xml-syntax': ['error', {}, 'more'] } }, false],
    ['an empty [level, options]', { rules: { 'xml-syntax': [] } }, false],
  ];
  for (const [name, config, valid] of cases) {
    it(`${name}: ${valid ? 'valid' : 'invalid'} for the schema and for iulint`, () => {
      expect(validate(config), JSON.stringify(validate.errors)).toBe(valid);
      expect(parseConfig(JSON.stringify(config), RULES).problems.length === 0).toBe(valid);
    });
  }
});
