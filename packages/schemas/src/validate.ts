// Validation of a payload against its message definition before encoding. protobufjs' own encode
// silently drops unknown properties and coerces wrong types; here every such case is a typed error that
// names the field, so a bad payload never reaches the outbox.
import protobuf from 'protobufjs';
import { SchemaError } from './errors.ts';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const UINT32 = { min: 0, max: 2 ** 32 - 1 };

export function validatePayload(
  eventType: string,
  type: protobuf.Type,
  payload: unknown,
  required: readonly PropertyKey[],
): void {
  if (!isPlainObject(payload)) {
    throw new SchemaError(
      'SCHEMA_INVALID_FIELD',
      `${eventType} (payload): must be an object of ${fullName(type)} (got ${describe(payload)})`,
      { field: '(payload)', eventType },
    );
  }
  validateMessage(eventType, type, payload, '');
  for (const name of required) {
    const field = String(name);
    if (isAbsent(payload[field])) {
      throw new SchemaError(
        'SCHEMA_MISSING_FIELD',
        `${eventType}: required field "${field}" is missing or empty`,
        { field, eventType },
      );
    }
  }
}

// Paths are built only on error or to descend: most payloads are valid, and string building dominated.
function joinPath(parent: string, key: string, index?: number | string): string {
  const base = parent ? `${parent}.${key}` : key;
  if (index === undefined) return base;
  return typeof index === 'number' ? `${base}[${index}]` : `${base}[${JSON.stringify(index)}]`;
}

function validateMessage(
  eventType: string,
  type: protobuf.Type,
  value: Record<string, unknown>,
  path: string,
) {
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const fieldValue = value[key];
    if (fieldValue === undefined || fieldValue === null) continue;
    const field = type.fields[key];
    if (!field) {
      // The generated classes expose each oneof as a virtual property naming the member that is set.
      if (type.oneofs?.[key] && typeof fieldValue === 'string') continue;
      const fieldPath = joinPath(path, key);
      throw new SchemaError(
        'SCHEMA_INVALID_FIELD',
        `${eventType}: field "${fieldPath}" is not a field of ${fullName(type)}${suggest(type, key)}`,
        { field: fieldPath, eventType },
      );
    }
    if (field.map) {
      if (!isPlainObject(fieldValue))
        throw invalid(eventType, joinPath(path, key), 'an object (map)', fieldValue);
      for (const mapKey in fieldValue) {
        if (Object.hasOwn(fieldValue, mapKey))
          validateValue(eventType, field, fieldValue[mapKey], path, key, mapKey);
      }
    } else if (field.repeated) {
      if (!Array.isArray(fieldValue)) throw invalid(eventType, joinPath(path, key), 'an array', fieldValue);
      for (let index = 0; index < fieldValue.length; index++) {
        validateValue(eventType, field, fieldValue[index], path, key, index);
      }
    } else {
      validateValue(eventType, field, fieldValue, path, key);
    }
  }
}

function validateValue(
  eventType: string,
  field: protobuf.Field,
  value: unknown,
  parent: string,
  key: string,
  index?: number | string,
): void {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    const path = joinPath(parent, key, index);
    if (!isPlainObject(value)) throw invalid(eventType, path, `an object of ${fullName(resolved)}`, value);
    validateMessage(eventType, resolved, value, path);
    return;
  }
  if (resolved instanceof protobuf.Enum) {
    if (typeof value !== 'number' || resolved.valuesById[value] === undefined) {
      const names = Object.entries(resolved.values)
        .map(([name, number]) => `${number} (${name})`)
        .join(', ');
      throw invalid(eventType, joinPath(parent, key, index), `one of ${names}`, value);
    }
    return;
  }
  const expected = scalarProblem(field.type, value);
  if (expected) throw invalid(eventType, joinPath(parent, key, index), expected, value);
}

/** What a scalar value should have been, or undefined when it is fine. */
function scalarProblem(type: string, value: unknown): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'bool':
      return typeof value === 'boolean' ? undefined : 'a boolean';
    case 'bytes':
      return value instanceof Uint8Array ? undefined : 'a Uint8Array (or Buffer)';
    case 'double':
    case 'float':
      return typeof value === 'number' ? undefined : 'a number';
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return inRange(value, INT32) ? undefined : `a 32-bit integer (${INT32.min}..${INT32.max})`;
    case 'uint32':
    case 'fixed32':
      return inRange(value, UINT32) ? undefined : `an unsigned 32-bit integer (${UINT32.min}..${UINT32.max})`;
    default:
      // 64-bit integers: a safe integer, a decimal string or a Long.
      if (Number.isSafeInteger(value)) return undefined;
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return undefined;
      if (isPlainObject(value) && 'low' in value && 'high' in value) return undefined;
      return 'a 64-bit integer (safe integer, decimal string or Long)';
  }
}

function inRange(value: unknown, range: { min: number; max: number }): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}

function invalid(eventType: string, path: string, expected: string, value: unknown): SchemaError {
  return new SchemaError(
    'SCHEMA_INVALID_FIELD',
    `${eventType}: field "${path}" must be ${expected} (got ${describe(value)})`,
    { field: path, eventType },
  );
}

/** Absent as far as the wire can tell: proto3 does not transmit an empty string, list or map. */
function isAbsent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Uint8Array) return value.length === 0;
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function fullName(type: protobuf.Type): string {
  return type.fullName.replace(/^\./, '');
}

function suggest(type: protobuf.Type, key: string): string {
  const lower = key.toLowerCase().replace(/_/g, '');
  const close = type.fieldsArray.find((field) => field.name.toLowerCase() === lower);
  return close ? ` (did you mean "${close.name}"?)` : '';
}
