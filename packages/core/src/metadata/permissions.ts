import type { XmlDocument, XmlElement } from '../xml/parser.js';
import { child, children, type TextValue, textValue } from '../xml/query.js';

/** A `<userPermissions>` entry of a profile or permission set. */
export interface UserPermission {
  name: TextValue;
  enabled: boolean;
  /** The `<enabled>` value, when present. */
  enabledValue: TextValue | undefined;
  element: XmlElement;
}

export interface ProfileModel {
  userLicense: TextValue | undefined;
  custom: TextValue | undefined;
  userPermissions: UserPermission[];
}

export interface PermissionSetModel {
  label: TextValue | undefined;
  license: TextValue | undefined;
  hasActivationRequired: TextValue | undefined;
  userPermissions: UserPermission[];
}

function field(doc: XmlDocument, el: XmlElement, name: string): TextValue | undefined {
  const c = child(el, name);
  return c ? textValue(doc, c) : undefined;
}

export function isTrue(value: TextValue | undefined): boolean {
  return value !== undefined && value.value.toLowerCase() === 'true';
}

export function readUserPermissions(doc: XmlDocument, root: XmlElement): UserPermission[] {
  const out: UserPermission[] = [];
  for (const el of children(root, 'userPermissions')) {
    const name = field(doc, el, 'name');
    if (!name) continue;
    const enabledValue = field(doc, el, 'enabled');
    out.push({ name, enabled: isTrue(enabledValue), enabledValue, element: el });
  }
  return out;
}

export function readProfile(doc: XmlDocument): ProfileModel | undefined {
  const root = doc.root;
  if (!root) return undefined;
  return {
    userLicense: field(doc, root, 'userLicense'),
    custom: field(doc, root, 'custom'),
    userPermissions: readUserPermissions(doc, root),
  };
}

export function readPermissionSet(doc: XmlDocument): PermissionSetModel | undefined {
  const root = doc.root;
  if (!root) return undefined;
  return {
    label: field(doc, root, 'label'),
    license: field(doc, root, 'license'),
    hasActivationRequired: field(doc, root, 'hasActivationRequired'),
    userPermissions: readUserPermissions(doc, root),
  };
}

/** The enabled permission of that name (compared case-insensitively), if any. */
export function enabledPermission(perms: UserPermission[], name: string): UserPermission | undefined {
  const n = name.toLowerCase();
  return perms.find((p) => p.enabled && p.name.value.toLowerCase() === n);
}
