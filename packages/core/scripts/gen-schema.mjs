// Writes schema/iulint.config.schema.json, the published JSON schema of iulint.config.json, from the
// declarations parseConfig reads with (src/config/config.ts, SETTINGS) and the built-in rules: the last
// step of the build. test/schema.test.ts fails when the committed file differs from what this writes.
// Usage (after tsc): node packages/core/scripts/gen-schema.mjs
import { writeFileSync } from 'node:fs';
import { RULES } from '../dist/index.js';
import { configSchema } from '../dist/internal.js';

writeFileSync(new URL('../schema/iulint.config.schema.json', import.meta.url), `${JSON.stringify(configSchema(RULES), null, 2)}\n`);
