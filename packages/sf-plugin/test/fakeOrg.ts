// A fake org for the tests: answers the REST API calls the Salesforce CLI makes (the query endpoint
// with its pages, the API versions, OAuth user info) as an org would, with realistic records. The same
// answers serve @salesforce/core's stubbed connection and a loopback HTTP server for the real CLI.

export const API_VERSION = '62.0';
const ORG_ID = '00D5e000000AbCdEAA';
const BASE = `/services/data/v${API_VERSION}`;

type Row = Record<string, unknown>;

const rec = (type: string, id: string, fields: Row): Row => ({
  attributes: { type, url: `${BASE}/sobjects/${type}/${id}` },
  Id: id,
  ...fields,
});

function profile(name: string, licenceName: string, key: string): Row {
  return {
    attributes: { type: 'Profile', url: `${BASE}/sobjects/Profile/00e5e000000${name.length}AAA` },
    Name: name,
    UserLicense: {
      attributes: { type: 'UserLicense', url: `${BASE}/sobjects/UserLicense/1005e000000${key.length}AA` },
      Name: licenceName,
      LicenseDefinitionKey: key,
    },
  };
}

function user(id: string, username: string, name: string, alias: string, type: string, active: boolean, prof: Row): Row {
  return rec('User', id, {
    Username: username,
    Name: name,
    Alias: alias,
    UserType: type,
    IsActive: active,
    ProfileId: `00e5e000000${String(prof.Name).length}AAA`,
    Profile: prof,
  });
}

/** What differs between the orgs the tests use. */
export interface OrgShape {
  /** Whether the org has the Salesforce Integration user licence (and its permission set licence). */
  integrationLicence: boolean;
  /** The session was revoked or expired: the API refuses it (HTTP 401, INVALID_SESSION_ID). */
  expired?: boolean;
  /** The username of the admin who logs in (the CLI keys authorisations by username). */
  username?: string;
}

/** The user who logs in (System Administrator): one username per org shape, as the CLI keys them. */
export function adminUsername(shape: OrgShape): string {
  return shape.username ?? 'dana.admin@acme.example.com';
}

/** Every record of each object, in the order the org returns them. */
export function orgRecords(shape: OrgShape): Record<string, Row[]> {
  const integrationProfile = shape.integrationLicence
    ? profile('Salesforce API Only System Integrations', 'Salesforce Integration', 'PID_Integration')
    : profile('Integration Profile', 'Salesforce', 'SFDC');
  const users = [
    user(
      '0055e000001AAAAAA1',
      'cloud@00d5e000000abcdeaa',
      'Platform Integration User',
      'integ',
      'CloudIntegrationUser',
      true,
      profile('Cloud Integration User', 'Cloud Integration User', 'PID_Cloud_Integration_User'),
    ),
    user(
      '0055e000001AAAAAA2',
      'ops.reports@acme.example.com',
      'Ops Reports',
      'oreports',
      'Standard',
      true,
      profile('System Administrator', 'Salesforce', 'SFDC'),
    ),
    user(
      '0055e000001AAAAAA3',
      'former.lead@acme.example.com',
      'Former Lead',
      'flead',
      'Standard',
      false,
      profile('Standard User', 'Salesforce', 'SFDC'),
    ),
    user('0055e000001AAAAAA4', 'mulesoft@acme.example.com', 'MuleSoft', 'mule', 'Standard', true, integrationProfile),
    user(
      '0055e000001AAAAAA5',
      'autoproc@00d5e000000abcdeaa',
      'Automated Process',
      'autoproc',
      'AutomatedProcess',
      true,
      profile('Automated Process', 'Automated Process', 'PID_AutomatedProcess'),
    ),
    user(
      '0055e000001AAAAAA6',
      'dana.admin@acme.example.com',
      'Dana Admin',
      'dadmin',
      'Standard',
      true,
      profile('System Administrator', 'Salesforce', 'SFDC'),
    ),
    user(
      '0055e000001AAAAAA7',
      'insightssecurity@00d5e000000abcdeaa',
      'Security User',
      'sec',
      'Standard',
      true,
      profile('Analytics Cloud Security User', 'Analytics Cloud Integration User', 'PID_Analytics_Cloud_Integration_User'),
    ),
  ];
  const userLicenses = [
    rec('UserLicense', '1005e000000AAA1', {
      Name: 'Salesforce',
      MasterLabel: 'Salesforce',
      LicenseDefinitionKey: 'SFDC',
      Status: 'Active',
      TotalLicenses: 50,
      UsedLicenses: 41,
    }),
    rec('UserLicense', '1005e000000AAA2', {
      Name: 'Salesforce Platform',
      MasterLabel: 'Salesforce Platform',
      LicenseDefinitionKey: 'AUL',
      Status: 'Active',
      TotalLicenses: 10,
      UsedLicenses: 3,
    }),
    ...(shape.integrationLicence
      ? [
          rec('UserLicense', '1005e000000AAA3', {
            Name: 'Salesforce Integration',
            MasterLabel: 'Salesforce Integration',
            LicenseDefinitionKey: 'PID_Integration',
            Status: 'Active',
            TotalLicenses: 2,
            UsedLicenses: 1,
          }),
        ]
      : []),
    rec('UserLicense', '1005e000000AAA4', {
      Name: 'Cloud Integration User',
      MasterLabel: 'Cloud Integration User',
      LicenseDefinitionKey: 'PID_Cloud_Integration_User',
      Status: 'Active',
      TotalLicenses: 1,
      UsedLicenses: 1,
    }),
  ];
  const psls = [
    rec('PermissionSetLicense', '0PL5e000000AAA1', {
      DeveloperName: 'SalesforceCPQ_CPQStandardPerm',
      MasterLabel: 'Salesforce CPQ License',
      PermissionSetLicenseKey: 'SalesforceCPQ_CPQStandardPerm',
      IsAvailableForIntegrations: false,
      Status: 'Active',
      TotalLicenses: 20,
      UsedLicenses: 12,
    }),
    ...(shape.integrationLicence
      ? [
          rec('PermissionSetLicense', '0PL5e000000AAA2', {
            DeveloperName: 'SalesforceAPIIntegrationPsl',
            MasterLabel: 'Salesforce API Integration',
            PermissionSetLicenseKey: 'SalesforceAPIIntegrationPsl',
            IsAvailableForIntegrations: true,
            Status: 'Active',
            TotalLicenses: 2,
            UsedLicenses: 1,
          }),
        ]
      : []),
  ];
  const assignee = (id: string, username: string) => ({
    AssigneeId: id,
    Assignee: { attributes: { type: 'Name', url: `${BASE}/sobjects/User/${id}` }, Username: username },
  });
  const pslAssigns = shape.integrationLicence
    ? [
        {
          attributes: { type: 'PermissionSetLicenseAssign', url: `${BASE}/sobjects/PermissionSetLicenseAssign/2LA5e000000AAA1` },
          ...assignee('0055e000001AAAAAA4', 'mulesoft@acme.example.com'),
          PermissionSetLicenseId: '0PL5e000000AAA2',
          PermissionSetLicense: {
            attributes: { type: 'PermissionSetLicense', url: `${BASE}/sobjects/PermissionSetLicense/0PL5e000000AAA2` },
            DeveloperName: 'SalesforceAPIIntegrationPsl',
          },
        },
      ]
    : [];
  const psa = (
    id: string,
    userId: string,
    username: string,
    psId: string,
    psName: string,
    ownedByProfile: boolean,
    licence: string | null,
  ) => ({
    attributes: { type: 'PermissionSetAssignment', url: `${BASE}/sobjects/PermissionSetAssignment/${id}` },
    ...assignee(userId, username),
    PermissionSetId: psId,
    PermissionSet: {
      attributes: { type: 'PermissionSet', url: `${BASE}/sobjects/PermissionSet/${psId}` },
      Name: psName,
      NamespacePrefix: null,
      HasActivationRequired: false,
      License:
        licence === null
          ? null
          : { attributes: { type: 'PermissionSetLicense', url: `${BASE}/sobjects/PermissionSetLicense/0PL5e000000AAA2` }, Name: licence },
      IsOwnedByProfile: ownedByProfile,
    },
    PermissionSetGroupId: null,
  });
  const assignments = [
    psa(
      '0Pa5e000000AAA1',
      '0055e000001AAAAAA2',
      'ops.reports@acme.example.com',
      '0PS5e000000AAA1',
      'X00ex00000018ozh_128_09_04_12_1',
      true,
      null,
    ),
    psa(
      '0Pa5e000000AAA2',
      '0055e000001AAAAAA4',
      'mulesoft@acme.example.com',
      '0PS5e000000AAA2',
      'Erp_Sync',
      false,
      shape.integrationLicence ? 'Salesforce API Integration' : null,
    ),
    psa('0Pa5e000000AAA3', '0055e000001AAAAAA6', 'dana.admin@acme.example.com', '0PS5e000000AAA3', 'Ops_Reporting', false, null),
  ];
  return {
    // What Org.create asks for.
    Organization: [
      rec('Organization', ORG_ID, {
        Name: 'Acme',
        InstanceName: 'NA224',
        IsSandbox: false,
        TrialExpirationDate: null,
        NamespacePrefix: null,
        OrganizationType: 'Enterprise Edition',
      }),
    ],
    User: users,
    UserLicense: userLicenses,
    PermissionSetLicense: psls,
    PermissionSetLicenseAssign: pslAssigns,
    PermissionSetAssignment: assignments,
  };
}

/** Users come back in pages of this size (a real org pages at 2,000; small here to need several). */
export const PAGE_SIZE = 3;

export interface Answer {
  status: number;
  body: unknown;
}

/** Answers one REST request of the API the CLI uses, as the org would; `calls` logs each one. */
export function answer(shape: OrgShape, method: string, rawUrl: string, calls: string[] = []): Answer {
  // The CLI joins an instance URL that ends in "/" with "/services/...": "//services/...".
  const url = new URL(rawUrl.replace(/^\/+/, '/'), 'http://org.invalid');
  calls.push(`${method} ${url.pathname}${url.search}`);
  const records = orgRecords(shape);
  if (shape.expired) return { status: 401, body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }] };
  if (url.pathname === '/services/data' || url.pathname === '/services/data/')
    return { status: 200, body: [{ label: "Summer '24", url: BASE, version: API_VERSION }] };
  if (url.pathname === '/services/oauth2/userinfo')
    return {
      status: 200,
      body: { preferred_username: adminUsername(shape), organization_id: ORG_ID, user_id: '0055e000001AAAAAA6', name: 'Dana Admin' },
    };
  // sf org login access-token reads the user who logs in.
  if (/^\/services\/data\/v[\d.]+\/sobjects\/User\/0055e000001AAAAAA6$/.test(url.pathname))
    return { status: 200, body: rec('User', '0055e000001AAAAAA6', { Username: adminUsername(shape), Name: 'Dana Admin' }) };
  const page = /^\/services\/data\/v[\d.]+\/query\/(\w+)-(\d+)$/.exec(url.pathname);
  if (page) return pageOf(records[page[1] as string] ?? [], page[1] as string, Number(page[2]));
  if (/^\/services\/data\/v[\d.]+\/query\/?$/.test(url.pathname)) {
    const soql = url.searchParams.get('q') ?? '';
    const object = /\bFROM\s+(\w+)/i.exec(soql)?.[1] ?? '';
    if (!(object in records))
      return { status: 400, body: [{ message: `sObject type '${object}' is not supported.`, errorCode: 'INVALID_TYPE' }] };
    // `sf data query` asks for the columns of the query (`&columns=true`) to lay out its table.
    if (url.searchParams.get('columns') === 'true') return { status: 200, body: columnsOf(soql, object) };
    return pageOf(records[object] as Row[], object, 0);
  }
  return { status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] };
}

function pageOf(all: Row[], object: string, from: number): Answer {
  const records = all.slice(from, from + PAGE_SIZE);
  const done = from + PAGE_SIZE >= all.length;
  return {
    status: 200,
    body: {
      totalSize: all.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `${BASE}/query/${object}-${from + PAGE_SIZE}` }),
      records,
    },
  };
}

interface Column {
  columnName: string;
  displayName: string;
  aggregate: boolean;
  apexType: string | null;
  custom: boolean;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: Column[];
  label: string;
  updatable: boolean;
}

/** The column metadata the query endpoint answers with `columns=true`: relationship paths nest. */
function columnsOf(soql: string, object: string): unknown {
  const fields = (/^SELECT\s+(.*?)\s+FROM\s/i.exec(soql)?.[1] ?? '').split(',').map((f) => f.trim());
  const top: Column[] = [];
  for (const field of fields) {
    let level = top;
    const parts = field.split('.');
    parts.forEach((name, i) => {
      let col = level.find((c) => c.columnName === name);
      if (!col) {
        col = {
          columnName: name,
          displayName: parts.slice(0, i + 1).join('.'),
          aggregate: false,
          apexType: i === parts.length - 1 ? 'String' : null,
          custom: false,
          foreignKeyName: null,
          insertable: false,
          joinColumns: [],
          label: name,
          updatable: false,
        };
        level.push(col);
      }
      level = col.joinColumns;
    });
  }
  return { columnMetadata: top, entityName: object, groupBy: false, idSelected: fields.includes('Id'), keyPrefix: null };
}
