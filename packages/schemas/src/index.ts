// Public API of @commercebridge/schemas: see README.md.
export { type BuiltinCatalog, catalog } from './builtin.ts';
export { type CatalogOptions, defineCatalog } from './catalog.ts';
export { checkAgainstRegistry, type RegistryCheckOptions, type SubjectCheck, topicFiles } from './check.ts';
export { type GeneratedFiles, type GenerateOptions, generateCode, readProtoSources } from './codegen.ts';
export { type BreakingChange, findBreakingChanges } from './compat.ts';
export { decodeEvent, type EncodeOptions, encodeEvent } from './encode.ts';
export { isSchemaError, SCHEMA_ERROR_CODES, SchemaError, type SchemaErrorCode } from './errors.ts';
export { decodeFrame, encodeFrame, type Frame } from './framing.ts';
export { commercebridge } from './generated/messages.js';
export { protoSources } from './generated/sources.ts';
export { HEADERS, type HeaderName, headerValue, type IncomingHeaders } from './headers.ts';
export {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  DEFAULT_COMPATIBILITY,
  DEFAULT_MAX_BYTES,
  type HeadersCodecOptions,
  type RegistryCodecOptions,
  type WireCodecOptions,
} from './options.ts';
export { RegistryClient, type SchemaReference } from './registry.ts';
export type {
  Catalog,
  CatalogEntry,
  DecodedEvent,
  DecodedPayload,
  EncodedEvent,
  EventDefinition,
  EventPayload,
  EventType,
  MessageClass,
  MessageInstance,
  MessageProperties,
  ProtoSources,
} from './types.ts';
export { createWireCodec, type WireCodec, type WireMessage } from './wire.ts';
