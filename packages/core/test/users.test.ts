import { describe, expect, it } from 'vitest';
import { isFeatureIntegrationLicense, isGeneralPurposeLicense } from '../src/domain/licenses.js';
import { isPlaceholder, recogniseUsername } from '../src/domain/users.js';

describe('recogniseUsername', () => {
  it.each([
    ['cloud@00d5e000000abcdeaa', 'piu'],
    ['CLOUD@00D1U0000014X5DUAU', 'piu'],
    ['autoproc@00d5e000000abcdeaa', 'automated-process'],
    ['integration@00d5e000000abcdeaa.com', 'analytics-integration'],
    ['security@00d5e000000abcdeaa.com', 'analytics-security'],
    ['insightssecurity@00d5e000000abcdeaa.com', 'analytics-security'],
  ])('%s is %s', (username, kind) => {
    expect(recogniseUsername(username)?.kind).toBe(kind);
  });

  it.each([
    'cloud@00d5e000000abcd',
    'cloud@example.com',
    'erp.sync@acme.com',
    'cloud@00d5e000000abcdeaa.sandbox',
    'integration@00d5e000000abcdeaa',
  ])('%s is not a system user', (username) => {
    expect(recogniseUsername(username)).toBeUndefined();
  });
});

describe('licences', () => {
  it('knows the general-purpose licences, with extras from the configuration', () => {
    expect(isGeneralPurposeLicense('Salesforce')).toBe(true);
    expect(isGeneralPurposeLicense(' salesforce  platform ')).toBe(true);
    expect(isGeneralPurposeLicense('Salesforce Integration')).toBe(false);
    expect(isGeneralPurposeLicense('Identity')).toBe(false);
    expect(isGeneralPurposeLicense('Identity', ['Identity'])).toBe(true);
  });

  it('knows the feature integration licences', () => {
    expect(isFeatureIntegrationLicense('Analytics Cloud Integration User')).toBe(true);
    expect(isFeatureIntegrationLicense('Cloud Integration User')).toBe(true);
    expect(isFeatureIntegrationLicense('Analytics Cloud Security User')).toBe(true);
    expect(isFeatureIntegrationLicense('Salesforce Integration')).toBe(false);
  });
});

describe('isPlaceholder', () => {
  it.each(['%%%NAMESPACE%%%', '%%SF_CC_PLACEHOLDER_USERNAME%%', 'YOUR_USERNAME_HERE', '{{ username }}', '$' + '{SF_USERNAME}', ''])(
    '%s is a placeholder',
    (v) => {
      expect(isPlaceholder(v)).toBe(true);
    },
  );
  it('takes the replacements of sfdx-project.json', () => {
    expect(isPlaceholder('ADMIN_USER@acme.com', ['ADMIN_USER'])).toBe(true);
    expect(isPlaceholder('ops@acme.com')).toBe(false);
  });
});
