// Reflection over the .proto texts (not the generated code): validation walks field definitions, registry
// mode needs each message's file, its imports and its message index.
import protobuf from 'protobufjs';
// A default import: the module is CommonJS, and Node's ESM loader cannot see its named exports (vitest can).
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { SchemaError } from './errors.ts';
import type { ProtoSources } from './types.ts';

const { FileDescriptorProto } = descriptor;

/** A message and its nested messages, in declaration order: message indexes are positions in these lists. */
export interface MessageNode {
  name: string;
  nested: MessageNode[];
  /**
   * From .proto text only: the message has map fields and nested messages. A descriptor lists map entries
   * among the nested messages at their field's position, which the text parser does not keep, so nested
   * positions in such a message are not known.
   */
  nestedPositionsUnknown?: boolean;
}

export interface ParsedFile {
  path: string;
  source: string;
  package: string;
  imports: string[];
  messages: MessageNode[];
  /** Root of this file alone (text sources only; unresolved imports). */
  root?: protobuf.Root;
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
  const pkg = parsed.package ?? '';
  const scope = pkg ? (root.lookup(pkg) as protobuf.Namespace | null) : root;
  return {
    path,
    source,
    package: pkg,
    imports: [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])],
    messages: scope ? messageNodes(scope) : [],
    root,
  };
}

function messageNodes(scope: protobuf.NamespaceBase): MessageNode[] {
  return scope.nestedArray
    .filter((nested): nested is protobuf.Type => nested instanceof protobuf.Type)
    .map((type) => {
      const nested = messageNodes(type);
      const node: MessageNode = { name: type.name, nested };
      if (nested.length > 0 && type.fieldsArray.some((field) => field.map))
        node.nestedPositionsUnknown = true;
      return node;
    });
}

interface DescriptorMessage {
  name?: string;
  nestedType?: DescriptorMessage[];
}

function descriptorNodes(messages: DescriptorMessage[] | undefined): MessageNode[] {
  return (messages ?? []).map((message) => ({
    name: message.name ?? '',
    nested: descriptorNodes(message.nestedType),
  }));
}

/**
 * Parses a schema as a registry returns it: .proto text, or a base64 FileDescriptorProto (what some
 * Confluent serializers, e.g. Python's, register).
 */
export function parseRegisteredSchema(label: string, schema: string): ParsedFile {
  try {
    return parseProtoFile(label, schema);
  } catch (textError) {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(schema)) throw textError;
    let descriptor: {
      name?: string;
      package?: string;
      dependency?: string[];
      messageType?: DescriptorMessage[];
    };
    try {
      descriptor = FileDescriptorProto.toObject(FileDescriptorProto.decode(Buffer.from(schema, 'base64')));
    } catch {
      throw textError;
    }
    return {
      path: descriptor.name ?? label,
      source: schema,
      package: descriptor.package ?? '',
      imports: descriptor.dependency ?? [],
      messages: descriptorNodes(descriptor.messageType),
    };
  }
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
    for (const type of allTypes(file.root!)) fileOfMessage.set(type.fullName.slice(1), path);
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
  let scope = file.messages;
  let parent: MessageNode | undefined;
  const indexes: number[] = [];
  for (const part of messageName.slice(prefix.length).split('.')) {
    if (parent?.nestedPositionsUnknown) {
      throw new SchemaError(
        'SCHEMA_INVALID_OPTION',
        `${messageName}: a nested message inside a message with map fields cannot be framed (its index is not known from the .proto text); move it to the top level of ${file.path}`,
        { field: messageName },
      );
    }
    const index = scope.findIndex((node) => node.name === part);
    if (index < 0) throw notInFile(file, messageName);
    indexes.push(index);
    parent = scope[index]!;
    scope = parent.nested;
  }
  return indexes;
}

/** The message full name at a message-index path of a file (the inverse of `messageIndexes`). */
export function messageAtIndexes(file: ParsedFile, indexes: readonly number[]): string | undefined {
  let scope = file.messages;
  const names: string[] = [];
  for (const index of indexes) {
    const node = scope[index];
    if (!node) return undefined;
    names.push(node.name);
    scope = node.nested;
  }
  if (names.length === 0) return undefined;
  return [file.package, ...names].filter(Boolean).join('.');
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
