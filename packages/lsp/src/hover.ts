import {
  CLOUD_INTEGRATION_USER,
  type FileFacts,
  isFeatureIntegrationLicense,
  isGeneralPurposeLicense,
  type Located,
  namesCount,
  type OrgModel,
  type Position,
  type Range,
  type Rule,
  SALESFORCE_INTEGRATION,
  SYSTEM_USER_LABELS,
  type SystemUserKind,
  sameLicense,
  type UserView,
} from '@iulint/core';

function inside(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** Who a user is, as the model sees it, in Markdown: PIU or reserved, integration user, or ordinary; and its licence. */
export function describeUser(org: OrgModel, user: UserView, rules: readonly Rule[]): string {
  const name = user.username ?? 'This user';
  const lines: string[] = [];
  const system = org.systemUser(user);
  if (system) {
    lines.push(`**${name}** is ${SYSTEM_USER_LABELS[system.kind]}: ${system.reason}.`);
    lines.push('', 'Salesforce creates and manages this user: nobody may create it, edit it, log in as it or make it run work.');
  } else {
    const reasons = org.integrationUser(user, { byName: namesCount(org.config, rules) });
    if (reasons) {
      const named = reasons.every((r) => r.byName);
      lines.push(`**${name}** is an integration user${named ? ' by its name only (less certain than the other signals)' : ''}:`);
      for (const r of reasons) lines.push(`- ${r.text}`);
    } else
      lines.push(
        `**${name}** is an ordinary user (not an integration user as far as the workspace, the snapshot and the configuration tell).`,
      );
  }
  const licence = org.resolveLicense(user);
  if (licence) lines.push('', `Licence: **${licence.license}**, from ${licence.reason.text}.`);
  else lines.push('', 'Licence: unknown (no snapshot, profile file or standard profile resolves it).');
  if (user.username) {
    const state = org.snapshotHas(user.username);
    if (state !== 'no-snapshot') lines.push(`Org snapshot: ${state === 'missing' ? 'no such user' : state}.`);
  }
  return lines.join('\n');
}

function describeLicense(name: string): string {
  if (sameLicense(name, SALESFORCE_INTEGRATION))
    return `**${name}**: the API-only, least-privilege licence Salesforce recommends for integration users.`;
  if (sameLicense(name, CLOUD_INTEGRATION_USER))
    return `**${name}**: the licence of the Platform Integration User, Salesforce's managed system user.`;
  if (isFeatureIntegrationLicense(name))
    return `**${name}**: a Salesforce feature's own integration licence; its users and profiles are Salesforce-managed.`;
  if (isGeneralPurposeLicense(name))
    return `**${name}**: a general-purpose licence; integration users should be on ${SALESFORCE_INTEGRATION} instead.`;
  return `**${name}**: a user or permission set licence.`;
}

const PERMISSIONS: Record<string, string> = {
  apiuseronly:
    '**API Only User** (ApiUserOnly): its users can reach Salesforce only through the API. Users holding it are integration users.',
  apienabled: '**API Enabled** (ApiEnabled): its users can call the Salesforce APIs.',
};

/** The hover text at a position of a file, from its facts; undefined where iulint has nothing to say. */
export function hoverAt(org: OrgModel, facts: FileFacts, at: Position, rules: readonly Rule[]): string | undefined {
  const userHover = (u: Located) => (inside(u.range, at) ? describeUser(org, org.viewOf(u.value), rules) : undefined);
  if (facts.kind === 'metadata') {
    for (const ref of facts.userReferences) {
      if (inside(ref.username.range, at)) {
        const kind =
          ref.kind === 'login'
            ? 'a login element: the user signs in or runs code as a session'
            : 'a run-as element: the user runs, owns or is assigned work';
        return `\`${ref.element}\` is ${kind}.\n\n${describeUser(org, org.viewOf(ref.username.value), rules)}`;
      }
    }
    const licence = facts.profile?.userLicense ?? facts.permissionSet?.license;
    if (licence && inside(licence.range, at)) {
      const integration = facts.profile ? org.integrationProfile(facts.profile, { byName: namesCount(org.config, rules) }) : undefined;
      const profileLine = integration
        ? `\n\nThis profile is an integration profile${integration.byName ? ' by its name only' : ''}: ${integration.text}.`
        : '';
      return `${describeLicense(licence.value)}${profileLine}`;
    }
    const perms = [...(facts.profile?.userPermissions ?? []), ...(facts.permissionSet?.userPermissions ?? [])];
    for (const p of perms) {
      if (inside(p.nameRange, at)) {
        const known = PERMISSIONS[p.name.toLowerCase()];
        const risky = org.config.highRiskPermissions.some((h) => h.toLowerCase() === p.name.toLowerCase());
        return [
          known ?? `**${p.name}**`,
          risky ? 'A high-risk permission: integration users and the Platform Integration User should not hold it.' : undefined,
          `Enabled: ${p.enabled}.`,
        ]
          .filter(Boolean)
          .join('\n\n');
      }
    }
    const ps = facts.permissionSet;
    if (ps?.hasActivationRequired && inside(ps.hasActivationRequired.range, at)) {
      const consented = org.consented(ps);
      return `**hasActivationRequired**: ${ps.hasActivationRequired.value === 'true' ? 'session-based' : 'not session-based'}.${consented ? `\n\nThis set is consented for the Platform Integration User (${consented.text}), so it must be session-based.` : ''}`;
    }
    return undefined;
  }
  if (facts.kind === 'userDefinition' || facts.kind === 'dataTree') {
    const records = facts.kind === 'userDefinition' ? [facts.user] : facts.users;
    for (const r of records) {
      const fields = [r.username, r.profileName, r.profileId, r.firstName, r.lastName, r.name, r.alias, r.userType].filter(
        (x): x is Located => x !== undefined,
      );
      if (fields.some((f) => inside(f.range, at))) return describeUser(org, org.viewOfRecord(r), rules);
    }
    return undefined;
  }
  if (facts.kind === 'script') {
    for (const c of facts.commands)
      for (const v of Object.values(c.flags))
        if (v && /@/.test(v.value)) {
          const h = userHover(v);
          if (h) return h;
        }
    return undefined;
  }
  if (facts.kind === 'sfConfig' && facts.targetOrg) return userHover(facts.targetOrg);
  if (facts.kind === 'apex') {
    for (const use of facts.uses)
      for (const t of use.targets)
        if (t.kind && inside(t.range, at))
          return `This query selects ${SYSTEM_USER_LABELS[t.kind as SystemUserKind]} (\`${t.condition}\`).\n\nSalesforce creates and manages this user: nobody may create it, edit it, log in as it or make it run work.`;
    for (const u of facts.usernames) {
      const h = userHover(u);
      if (h) return h;
    }
  }
  return undefined;
}
