import { type ConfigurableRule, ruleSetting, SETTINGS } from './config.js';

/** Where the published schema lives, as its `$id`. */
export const CONFIG_SCHEMA_ID = 'https://github.com/iulint/iulint/blob/main/packages/core/schema/iulint.config.schema.json';

/**
 * The JSON schema (draft-07) of `iulint.config.json`, from the same declarations `parseConfig` reads
 * with (`SETTINGS`, and `ruleSetting` for each rule handed down). `scripts/gen-schema.mjs` writes
 * it to `schema/iulint.config.schema.json` in the build; a test compares the two.
 */
export function configSchema(rules: readonly (ConfigurableRule & { meta: { description: string } })[]): Record<string, unknown> {
  const rule = (r: (typeof rules)[number]) =>
    ruleSetting(r, `${r.meta.description.replace(/\.?$/, '.')} See docs/rules/${r.meta.id}.md.`).schema;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_ID,
    title: 'iulint configuration (iulint.config.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Rule id → level, or [level, options].',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((r) => [r.meta.id, rule(r)])),
      },
      ...Object.fromEntries(Object.entries(SETTINGS).map(([key, setting]) => [key, setting.schema])),
    },
  };
}
