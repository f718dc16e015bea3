// Reflection over the .proto texts (not the generated code): validation walks field definitions, registry
// mode needs each message's file, its imports and its message index.
import protobuf from 'protobufjs';
import { SchemaError } from './errors.ts';
import type { ProtoSources } from './types.ts';

export interface ParsedFile {
  path: string;
  source: string;
  package: string;
  imports: string[];
  /** Root of this file alone, in declaration order (message indexes are positions in it). */
  root: protobuf.Root;
}

export interface ProtoSet {
  sources: ProtoSources;
  files: Map<string, ParsedFile>;
  /** All files together, resolved: the types used for validation. */
  root: protobuf.Root;
  /** Message full name (no leading dot) -> file path. */
  fileOfMessage: Map<string, string>;
}

const cache = new WeakMap<ProtoSources, ProtoSet>();

/** Parses one .proto text. `keepCase: false` gives the camelCase names the generated classes use. */
export function parseProtoFile(path: string, source: string): ParsedFile {
  const root = new protobuf.Root();
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(source, root, { keepCase: false, alternateCommentMode: true });
  } catch (error) {
    throw new SchemaError('SCHEMA_INVALID_OPTION', `${path} does not parse: ${(error as Error).message}`, {
      field: path,
      cause: error,
    });
  }
  return {
    path,
    source,
    package: parsed.package ?? '',
    imports: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])],
    root,
  };
}

export function loadProtoSet(sources: ProtoSources): ProtoSet {
  const cached = cache.get(sources);
  if (cached) return cached;
  const files = new Map<string, ParsedFile>();
  const fileOfMessage = new Map<string, string>();
  const root = new protobuf.Root();
  for (const [path, source] of Object.entries(sources)) {
    const file = parseProtoFile(path, source);
    files.set(path, file);
    for (const type of allTypes(file.root)) fileOfMessage.set(type.fullName.slice(1), path);
    protobuf.parse(source, root, { keepCase: false });
  }
  for (const file of files.values()) {
    for (const imported of file.imports) {
      if (!files.has(imported) && !imported.startsWith('google/protobuf/')) {
        throw new SchemaError(
          'SCHEMA_INVALID_OPTION',
          `${file.path} imports ${imported}, which is not among the sources: generate sources.ts from the whole proto tree`,
          { field: imported },
        );
      }
    }
  }
  root.resolveAll();
  const set = { sources, files, root, fileOfMessage };
  cache.set(sources, set);
  return set;
}

function* allTypes(namespace: protobuf.NamespaceBase): Generator<protobuf.Type> {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof protobuf.Type) yield nested;
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type) yield* allTypes(nested);
  }
}

/** The resolved reflection type of a message, or a SchemaError naming it. */
export function lookupMessage(set: ProtoSet, messageName: string): protobuf.Type {
  const found = set.root.lookup(messageName);
  if (!(found instanceof protobuf.Type)) {
    throw new SchemaError(
      'SCHEMA_INVALID_OPTION',
      `message ${messageName} is not defined in the catalog's sources: pass the protoSources generated from the same .proto files`,
      { field: messageName },
    );
  }
  return found;
}

/**
 * The Confluent message-index path of a message inside its file: its position among the file's top-level
 * messages, then among the nested messages of each enclosing message (declaration order).
 */
export function messageIndexes(file: ParsedFile, messageName: string): number[] {
  const prefix = file.package ? `${file.package}.` : '';
  if (!messageName.startsWith(prefix)) throw notInFile(file, messageName);
  const parts = messageName.slice(prefix.length).split('.');
  let scope: protobuf.NamespaceBase | null = file.package
    ? (file.root.lookup(file.package) as protobuf.Namespace | null)
    : file.root;
  const indexes: number[] = [];
  for (const part of parts) {
    if (!scope) throw notInFile(file, messageName);
    // A descriptor lists map entries as nested messages; protobufjs does not, so positions after a map field
    // would be off. Refuse instead of framing with a wrong index.
    if (
      scope instanceof protobuf.Type &&
      scope.fieldsArray.some((field) => field.map) &&
      scope.nestedArray.length > 0
    ) {
      throw new SchemaError(
        'SCHEMA_INVALID_OPTION',
        `${messageName}: nested messages inside a message with map fields are not supported as events; move the event message to the top level of ${file.path}`,
        { field: messageName },
      );
    }
    const types = scope.nestedArray.filter((nested) => nested instanceof protobuf.Type);
    const index = types.findIndex((type) => type.name === part);
    if (index < 0) throw notInFile(file, messageName);
    indexes.push(index);
    scope = types[index] as protobuf.Type;
  }
  return indexes;
}

/** The message full name at a message-index path of a file (the inverse of `messageIndexes`). */
export function messageAtIndexes(file: ParsedFile, indexes: readonly number[]): string | undefined {
  let scope: protobuf.NamespaceBase | null = file.package
    ? (file.root.lookup(file.package) as protobuf.Namespace | null)
    : file.root;
  let type: protobuf.Type | undefined;
  for (const index of indexes) {
    if (!scope) return undefined;
    type = scope.nestedArray.filter((nested) => nested instanceof protobuf.Type)[index] as
      | protobuf.Type
      | undefined;
    if (!type) return undefined;
    scope = type;
  }
  return type?.fullName.slice(1);
}

function notInFile(file: ParsedFile, messageName: string): SchemaError {
  return new SchemaError('SCHEMA_INVALID_OPTION', `message ${messageName} is not declared in ${file.path}`, {
    field: messageName,
  });
}

/** The major version carried by a Protobuf package (`commercebridge.orders.v1` -> 1), or undefined. */
export function majorVersionOf(messageName: string): number | undefined {
  const match = /(?:^|\.)v(\d+)(?:\.|$)/.exec(messageName.split('.').slice(0, -1).join('.'));
  return match ? Number(match[1]) : undefined;
}
