import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

describe('what the docs and the code cite', () => {
  it('no file cites the spec files the repository does not hold (the facts carry public sources instead)', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(md|ts|mjs|cjs|js|json)$/.test(f) && f !== 'CHANGELOG.md' && !f.endsWith('citations.test.ts'));
    expect(tracked.length).toBeGreaterThan(100);
    const citing = tracked.filter((f) => /\b(?:RULES|DOMAIN)\.md\b/.test(readFileSync(join(REPO, f), 'utf8')));
    expect(citing).toEqual([]);
  });

  it('the README names its Salesforce sources by their public addresses', () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    expect(readme).toContain('https://help.salesforce.com/s/articleView?id=xcloud.security_platform_integration_user.htm');
    expect(readme).toContain('https://help.salesforce.com/s/articleView?id=platform.integration_user.htm');
  });
});
