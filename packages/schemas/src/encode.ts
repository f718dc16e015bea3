import type protobuf from 'protobufjs';
import { entryOf } from './catalog.ts';
import { SchemaError } from './errors.ts';
import { checkMaxBytes } from './options.ts';
import { loadProtoSet, lookupMessage } from './protos.ts';
import type {
  Catalog,
  CatalogEntry,
  DecodedPayload,
  EncodedEvent,
  EventPayload,
  EventType,
} from './types.ts';
import { validatePayload } from './validate.ts';

export interface EncodeOptions {
  /** Largest encoded payload accepted, in bytes (Default: 1048576 = 1 MiB). */
  maxBytes?: number;
}

/**
 * Validates a payload against its catalog entry and encodes it as plain Protobuf bytes (no framing).
 * Throws SchemaError: SCHEMA_UNKNOWN_EVENT_TYPE, SCHEMA_INVALID_FIELD, SCHEMA_MISSING_FIELD,
 * SCHEMA_PAYLOAD_TOO_LARGE.
 */
export function encodeEvent<K extends Catalog, T extends EventType<K>>(
  catalog: K,
  type: T,
  payload: EventPayload<K, T>,
  options: EncodeOptions = {},
): EncodedEvent<T> {
  const maxBytes = checkMaxBytes(options.maxBytes, '/encode/maxBytes');
  const entry = entryOf(catalog, type);
  const reflected = reflectedType(catalog, entry);
  validatePayload(type, reflected, payload, entry.required);
  const key = entry.key(payload as never);
  if (typeof key !== 'string' || key.length === 0) {
    throw new SchemaError(
      'SCHEMA_MISSING_FIELD',
      `${type}: the partition key is empty: set the field(s) the catalog's key function reads`,
      { field: 'key', eventType: type },
    );
  }
  const bytes = entry.message.encode(payload as object).finish();
  if (bytes.length > maxBytes) {
    throw new SchemaError(
      'SCHEMA_PAYLOAD_TOO_LARGE',
      `${type} (payload): encoded to ${bytes.length} bytes, above the limit of ${maxBytes} bytes (option maxBytes)`,
      { field: '(payload)', eventType: type },
    );
  }
  return {
    type,
    topic: entry.topic,
    key,
    messageName: entry.messageName,
    schemaVersion: entry.schemaVersion,
    bytes,
  };
}

const reflectedTypes = new WeakMap<CatalogEntry, protobuf.Type>();

// The lookup parses a dotted path each time: once per entry is enough.
function reflectedType(catalog: Catalog, entry: CatalogEntry): protobuf.Type {
  let type = reflectedTypes.get(entry);
  if (!type) {
    type = lookupMessage(loadProtoSet(catalog.sources), entry.messageName);
    reflectedTypes.set(entry, type);
  }
  return type;
}

/** Decodes plain Protobuf bytes of an event type. Unknown fields are skipped. Throws SCHEMA_UNDECODABLE. */
export function decodeEvent<K extends Catalog, T extends EventType<K>>(
  catalog: K,
  type: T,
  bytes: Uint8Array,
): DecodedPayload<K, T> {
  return decodeWith(entryOf(catalog, type), bytes) as DecodedPayload<K, T>;
}

export function decodeWith(entry: CatalogEntry, bytes: Uint8Array): object {
  try {
    return entry.message.decode(bytes);
  } catch (error) {
    throw new SchemaError(
      'SCHEMA_UNDECODABLE',
      `${entry.type}: the value is not a valid ${entry.messageName}: ${(error as Error).message}`,
      { field: 'value', eventType: entry.type, cause: error },
    );
  }
}
