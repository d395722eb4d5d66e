import { type ConfigurableRule, LEVELS, SETTINGS } from './config.js';

/** Where the published schema lives, as its `$id`. */
export const CONFIG_SCHEMA_ID = 'https://github.com/iulint/iulint/blob/main/packages/core/schema/iulint.config.schema.json';

/**
 * The JSON schema (draft-07) of `iulint.config.json`, from the same declarations `parseConfig` reads
 * with (`SETTINGS`) and the rules handed down (their ids and options). `scripts/gen-schema.mjs` writes
 * it to `schema/iulint.config.schema.json` in the build; a test compares the two.
 */
export function configSchema(rules: readonly (ConfigurableRule & { meta: { description: string } })[]): Record<string, unknown> {
  const level = { type: 'string', enum: [...LEVELS] };
  const rule = (r: (typeof rules)[number]) => {
    const options = Object.entries(r.meta.options ?? {});
    return {
      description: `${r.meta.description.replace(/\.?$/, '.')} See docs/rules/${r.meta.id}.md.`,
      oneOf: [
        level,
        {
          type: 'array',
          items: [
            level,
            options.length === 0
              ? { type: 'object' }
              : {
                  type: 'object',
                  properties: Object.fromEntries(
                    options.map(([name, o]) => [
                      name,
                      { type: o.type, default: o.default, description: `${o.description} Default ${o.default}.` },
                    ]),
                  ),
                },
          ],
          minItems: 1,
          maxItems: 2,
        },
      ],
    };
  };
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
