import data from './registry.generated.json' with { type: 'json' };

/** One metadata type of the Salesforce metadata registry, as iulint reads it. */
export interface RegistryType {
  name: string;
  suffix?: string;
  directoryName?: string;
  inFolder?: boolean;
  strictDirectoryName?: boolean;
  folderType?: string;
  /** How source-deploy-retrieve adapts the type's files; set for types whose content is not XML. */
  adapter?: string;
  children?: string[];
}

interface RegistryData {
  source: string;
  types: Record<string, RegistryType>;
  suffixes: Record<string, string>;
  strictDirectoryNames: Record<string, string>;
  childTypes: Record<string, string>;
}

/**
 * The registry data of @salesforce/source-deploy-retrieve (the library the Salesforce CLI uses),
 * trimmed by `scripts/gen-registry.mjs`.
 */
export const registry: RegistryData = data as RegistryData;
