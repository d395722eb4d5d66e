/** Types of user-fields.mjs, for the test suite. */
export interface CatalogueEntry {
  type: string;
  path: string[];
}
export interface Review {
  userBearing: boolean;
  reason: string;
}
export interface Analysis {
  types: number;
  userLike: number;
  catalogued: string[];
  unresolved: string[];
  candidates: string[];
  stale: string[];
}
export const USER_LIKE: RegExp;
export function analyse(typingsText: string, catalogue: CatalogueEntry[], reviewed: Record<string, Review>): Analysis;
export function loadReviewed(): { fields: Record<string, Review>; notInTypings: Record<string, string> };
export function installedTypings(): { version: string; text: string };
