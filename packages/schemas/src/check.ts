// `schemas check`: would the current .proto files break readers? Against the registry (its compatibility
// endpoint, the subject's configured level) and/or a released baseline (local rules in compat.ts).
import { type BreakingChange, findBreakingChanges } from './compat.ts';
import { SchemaError } from './errors.ts';
import { loadProtoSet, parseRegisteredSchema } from './protos.ts';
import { RegistryClient, type SchemaReference } from './registry.ts';
import type { Catalog, ProtoSources } from './types.ts';

export interface SubjectCheck {
  subject: string;
  file: string;
  /** True when the registry has no version yet: the first registration is always accepted. */
  firstVersion: boolean;
  compatible: boolean;
  /** Why not, where the previous version could be compared locally. */
  changes: BreakingChange[];
}

export interface RegistryCheckOptions {
  url: string;
  /** The .proto texts to check (e.g. read from the proto directory). */
  sources: ProtoSources;
  /** Topic -> .proto file whose messages it carries (e.g. from `topicFiles(catalog)`). */
  topics: Record<string, string>;
  referenceSubject?: (importPath: string) => string;
  valueSubject?: (topic: string) => string;
  headers?: Record<string, string>;
}

/** Topic -> file of a catalog (each topic's messages come from one file: defineCatalog enforces it). */
export function topicFiles(catalog: Catalog): Record<string, string> {
  const protos = loadProtoSet(catalog.sources);
  const result: Record<string, string> = {};
  for (const entry of Object.values(catalog.events))
    result[entry.topic] = protos.fileOfMessage.get(entry.messageName)!;
  return result;
}

/**
 * Asks the registry whether each imported file and each topic's file may be registered as the next version
 * of its subject. Imports are checked against their own subjects; a topic's schema references the latest
 * registered version of each import.
 */
export async function checkAgainstRegistry(options: RegistryCheckOptions): Promise<SubjectCheck[]> {
  const client = new RegistryClient(options.url, { headers: options.headers });
  const protos = loadProtoSet(options.sources);
  const referenceSubject = options.referenceSubject ?? ((path: string) => path);
  const valueSubject = options.valueSubject ?? ((topic: string) => `${topic}-value`);
  const results: SubjectCheck[] = [];
  const checkedImports = new Map<string, SchemaReference | undefined>();

  const latest = async (subject: string) => {
    try {
      return await client.schemaOfSubject(subject, 'latest');
    } catch (error) {
      if (error instanceof SchemaError && error.code === 'SCHEMA_REGISTRY_REJECTED') return undefined;
      throw error;
    }
  };

  const check = async (subject: string, file: string): Promise<SchemaReference | undefined> => {
    const parsed = protos.files.get(file);
    if (!parsed)
      throw new SchemaError('SCHEMA_INVALID_OPTION', `no file ${file} among the sources`, { field: file });
    const references: SchemaReference[] = [];
    for (const imported of parsed.imports.filter((path) => protos.files.has(path))) {
      if (!checkedImports.has(imported))
        checkedImports.set(imported, await check(referenceSubject(imported), imported));
      const reference = checkedImports.get(imported);
      if (reference) references.push(reference);
    }
    const previous = await latest(subject);
    if (!previous) {
      results.push({ subject, file, firstVersion: true, compatible: true, changes: [] });
      return undefined;
    }
    const compatible = await client.isCompatible(subject, parsed.source, references);
    results.push({
      subject,
      file,
      firstVersion: false,
      compatible,
      changes: compatible ? [] : explain(previous, file, options.sources),
    });
    return { name: file, subject, version: previous.version };
  };

  for (const [topic, file] of Object.entries(options.topics)) await check(valueSubject(topic), file);
  return results;
}

// The registry only answers yes or no: compare the registered text with ours to say what broke.
function explain(previous: { schema: string }, file: string, sources: ProtoSources): BreakingChange[] {
  try {
    const registered = parseRegisteredSchema(file, previous.schema);
    if (!registered.root) return [];
    return findBreakingChanges({ ...sources, [file]: previous.schema }, sources);
  } catch {
    return [];
  }
}
