import { entriesOfMessage, entryOf } from './catalog.ts';
import { decodeWith } from './encode.ts';
import { SchemaError } from './errors.ts';
import { decodeFrame, encodeFrame } from './framing.ts';
import { HEADERS, headerValue, type IncomingHeaders } from './headers.ts';
import {
  checkCodecOptions,
  DEFAULT_COMPATIBILITY,
  type RegistryCodecOptions,
  type WireCodecOptions,
} from './options.ts';
import {
  loadProtoSet,
  messageAtIndexes,
  messageIndexes,
  type ParsedFile,
  type ProtoSet,
  parseRegisteredSchema,
} from './protos.ts';
import { RegistryClient, type SchemaReference } from './registry.ts';
import type { Catalog, CatalogEntry, DecodedEvent, EventType } from './types.ts';

export interface WireMessage {
  value: Buffer;
  /** `event-type`, `message-name` and `schema-version`; the relay adds the envelope headers. */
  headers: Record<string, string>;
}

export interface WireCodec<K extends Catalog> {
  readonly mode: WireCodecOptions['mode'];
  /** Frames encoded payload bytes (from `encodeEvent`) for Kafka. Registry mode registers the schema on first use. */
  toWire(type: EventType<K>, bytes: Uint8Array): Promise<WireMessage>;
  /** Decodes a Kafka value; a typed union over the catalog's event types, narrowed by `type`. */
  fromWire(value: Uint8Array, headers?: IncomingHeaders): Promise<DecodedEvent<K>>;
  /** Registry mode: registers every topic's schema now (e.g. at start-up) and returns the ids by topic. */
  registerAll(): Promise<Record<string, number>>;
}

export function createWireCodec<K extends Catalog>(catalog: K, options: WireCodecOptions): WireCodec<K> {
  const checked = checkCodecOptions(options);
  return checked.mode === 'headers' ? headersCodec(catalog) : registryCodec(catalog, checked);
}

function envelopeHeaders(entry: CatalogEntry): Record<string, string> {
  return {
    [HEADERS.eventType]: entry.type,
    [HEADERS.messageName]: entry.messageName,
    [HEADERS.schemaVersion]: String(entry.schemaVersion),
  };
}

function checkBytes(bytes: unknown): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new SchemaError(
      'SCHEMA_INVALID_FIELD',
      `the bytes to frame must be a Uint8Array (encodeEvent(...).bytes)`,
      {
        field: 'bytes',
      },
    );
  }
}

/** Chooses the catalog entry of a message: the `event-type` header decides when several events share it. */
function entryForMessage(
  catalog: Catalog,
  messageName: string,
  headers: IncomingHeaders | undefined,
): CatalogEntry {
  const candidates = entriesOfMessage(catalog, messageName);
  const typeHeader = headerValue(headers, HEADERS.eventType);
  const byHeader = candidates.find((entry) => entry.type === typeHeader);
  const entry = byHeader ?? candidates[0];
  if (!entry) {
    throw new SchemaError(
      'SCHEMA_UNKNOWN_EVENT_TYPE',
      `message ${messageName}${typeHeader ? ` (event-type "${typeHeader}")` : ''} is not in the catalog`,
      { field: HEADERS.messageName, eventType: typeHeader },
    );
  }
  return entry;
}

function headersCodec<K extends Catalog>(catalog: K): WireCodec<K> {
  return {
    mode: 'headers',
    async toWire(type, bytes) {
      const entry = entryOf(catalog, type);
      checkBytes(bytes);
      return {
        value: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        headers: envelopeHeaders(entry),
      };
    },
    async fromWire(value, headers) {
      const type = headerValue(headers, HEADERS.eventType);
      const messageName = headerValue(headers, HEADERS.messageName);
      let entry: CatalogEntry;
      if (type !== undefined) entry = entryOf(catalog, type);
      else if (messageName !== undefined) entry = entryForMessage(catalog, messageName, headers);
      else {
        throw new SchemaError(
          'SCHEMA_UNDECODABLE',
          `the message has neither an "${HEADERS.eventType}" nor a "${HEADERS.messageName}" header (headers mode)`,
          { field: HEADERS.eventType },
        );
      }
      // A different major version is a different contract: decoding it as this one would be silently wrong.
      if (messageName !== undefined && messageName !== entry.messageName) {
        throw new SchemaError(
          'SCHEMA_INCOMPATIBLE',
          `${entry.type}: the message is ${messageName}, the catalog expects ${entry.messageName}`,
          { field: HEADERS.messageName, eventType: entry.type },
        );
      }
      const version = headerValue(headers, HEADERS.schemaVersion);
      if (version !== undefined && version !== String(entry.schemaVersion)) {
        throw new SchemaError(
          'SCHEMA_INCOMPATIBLE',
          `${entry.type}: the message has schema-version ${version}, the catalog has ${entry.schemaVersion}`,
          { field: HEADERS.schemaVersion, eventType: entry.type },
        );
      }
      const payload = decodeWith(entry, value);
      return { type: entry.type, messageName: entry.messageName, payload } as DecodedEvent<K>;
    },
    async registerAll() {
      return {};
    },
  };
}

function registryCodec<K extends Catalog>(catalog: K, options: RegistryCodecOptions): WireCodec<K> {
  const client = new RegistryClient(options.url, { timeoutMs: options.timeoutMs, headers: options.headers });
  const protos = loadProtoSet(catalog.sources);
  const compatibility = options.compatibility ?? DEFAULT_COMPATIBILITY;
  const referenceSubject = options.referenceSubject ?? ((path: string) => path);
  const valueSubject = options.valueSubject ?? ((topic: string) => `${topic}-value`);
  // Promises, so that concurrent first calls register once; a failed registration is forgotten and retried.
  const fileRegistrations = new Map<string, Promise<SchemaReference>>();
  const topicIds = new Map<string, Promise<number>>();
  const indexesOf = new Map<string, number[]>();
  const filesById = new Map<number, Promise<ParsedFile>>();

  const memo = <T>(map: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> => {
    let promise = map.get(key);
    if (!promise) {
      promise = create();
      map.set(key, promise);
      promise.catch(() => map.delete(key));
    }
    return promise;
  };

  const referencesOf = async (file: ParsedFile): Promise<SchemaReference[]> =>
    Promise.all(file.imports.filter((path) => protos.files.has(path)).map((path) => registerImport(path)));

  const registerImport = (path: string): Promise<SchemaReference> =>
    memo(fileRegistrations, path, async () => {
      const file = protos.files.get(path)!;
      const subject = referenceSubject(path);
      const references = await referencesOf(file);
      await client.setCompatibility(subject, compatibility);
      await client.register(subject, file.source, references);
      const { version } = await client.lookup(subject, file.source, references);
      return { name: path, subject, version };
    });

  const registerTopic = (entry: CatalogEntry): Promise<number> =>
    memo(topicIds, entry.topic, async () => {
      const file = fileOf(protos, entry.messageName);
      const subject = valueSubject(entry.topic);
      const references = await referencesOf(file);
      // Set the level first, so that this registration is already checked against it.
      await client.setCompatibility(subject, compatibility);
      const id = await client.register(subject, file.source, references);
      filesById.set(id, Promise.resolve(file));
      return id;
    });

  const fileById = (id: number): Promise<ParsedFile> => {
    let promise = filesById.get(id);
    if (!promise) {
      promise = client.schemaById(id).then((registered) => {
        if (registered.schemaType !== undefined && registered.schemaType !== 'PROTOBUF') {
          throw new SchemaError(
            'SCHEMA_UNDECODABLE',
            `schema id ${id} is ${registered.schemaType}, not PROTOBUF`,
            {
              field: 'value',
            },
          );
        }
        return parseRegisteredSchema(`schema id ${id}`, registered.schema);
      });
      filesById.set(id, promise);
      promise.catch(() => filesById.delete(id));
    }
    return promise;
  };

  return {
    mode: 'registry',
    async toWire(type, bytes) {
      const entry = entryOf(catalog, type);
      checkBytes(bytes);
      const id = await registerTopic(entry);
      let indexes = indexesOf.get(entry.messageName);
      if (!indexes) {
        indexes = messageIndexes(fileOf(protos, entry.messageName), entry.messageName);
        indexesOf.set(entry.messageName, indexes);
      }
      return { value: encodeFrame(id, indexes, bytes), headers: envelopeHeaders(entry) };
    },
    async fromWire(value, headers) {
      const frame = decodeFrame(value);
      let file: ParsedFile;
      try {
        file = await fileById(frame.schemaId);
      } catch (error) {
        if (error instanceof SchemaError && error.code === 'SCHEMA_REGISTRY_REJECTED') {
          throw new SchemaError('SCHEMA_UNDECODABLE', `schema id ${frame.schemaId} is not in the registry`, {
            field: 'value',
            cause: error,
          });
        }
        throw error;
      }
      const messageName = messageAtIndexes(file, frame.indexes);
      if (!messageName) {
        throw new SchemaError(
          'SCHEMA_UNDECODABLE',
          `schema id ${frame.schemaId} has no message at index [${frame.indexes.join(', ')}]`,
          { field: 'value' },
        );
      }
      const entry = entryForMessage(catalog, messageName, headers);
      const payload = decodeWith(entry, frame.payload);
      return { type: entry.type, messageName, payload } as DecodedEvent<K>;
    },
    async registerAll() {
      const ids: Record<string, number> = {};
      for (const entry of Object.values(catalog.events)) ids[entry.topic] = await registerTopic(entry);
      return ids;
    },
  };
}

function fileOf(protos: ProtoSet, messageName: string): ParsedFile {
  return protos.files.get(protos.fileOfMessage.get(messageName)!)!;
}
