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

function validateMessage(
  eventType: string,
  type: protobuf.Type,
  value: Record<string, unknown>,
  path: string,
) {
  for (const [key, fieldValue] of Object.entries(value)) {
    if (fieldValue === undefined || fieldValue === null) continue;
    const fieldPath = path ? `${path}.${key}` : key;
    const field = type.fields[key];
    if (!field) {
      // The generated classes expose each oneof as a virtual property naming the member that is set.
      if (type.oneofs?.[key] && typeof fieldValue === 'string') continue;
      throw new SchemaError(
        'SCHEMA_INVALID_FIELD',
        `${eventType}: field "${fieldPath}" is not a field of ${fullName(type)}${suggest(type, key)}`,
        { field: fieldPath, eventType },
      );
    }
    if (field.map) {
      if (!isPlainObject(fieldValue)) throw invalid(eventType, fieldPath, 'an object (map)', fieldValue);
      for (const [mapKey, entry] of Object.entries(fieldValue)) {
        validateValue(eventType, field, entry, `${fieldPath}[${JSON.stringify(mapKey)}]`);
      }
    } else if (field.repeated) {
      if (!Array.isArray(fieldValue)) throw invalid(eventType, fieldPath, 'an array', fieldValue);
      fieldValue.forEach((entry, index) => {
        validateValue(eventType, field, entry, `${fieldPath}[${index}]`);
      });
    } else {
      validateValue(eventType, field, fieldValue, fieldPath);
    }
  }
}

function validateValue(eventType: string, field: protobuf.Field, value: unknown, path: string): void {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    if (!isPlainObject(value)) throw invalid(eventType, path, `an object of ${fullName(resolved)}`, value);
    validateMessage(eventType, resolved, value, path);
    return;
  }
  if (resolved instanceof protobuf.Enum) {
    const allowed = Object.values(resolved.values);
    if (typeof value !== 'number' || !allowed.includes(value)) {
      const names = Object.entries(resolved.values)
        .map(([name, number]) => `${number} (${name})`)
        .join(', ');
      throw invalid(eventType, path, `one of ${names}`, value);
    }
    return;
  }
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') throw invalid(eventType, path, 'a string', value);
      return;
    case 'bool':
      if (typeof value !== 'boolean') throw invalid(eventType, path, 'a boolean', value);
      return;
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw invalid(eventType, path, 'a Uint8Array (or Buffer)', value);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number') throw invalid(eventType, path, 'a number', value);
      return;
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      checkInteger(eventType, path, value, INT32, 'a 32-bit integer');
      return;
    case 'uint32':
    case 'fixed32':
      checkInteger(eventType, path, value, UINT32, 'an unsigned 32-bit integer');
      return;
    default:
      // 64-bit integers: a safe integer, a decimal string or a Long.
      if (Number.isSafeInteger(value)) return;
      if (typeof value === 'string' && /^-?\d+$/.test(value)) return;
      if (isPlainObject(value) && 'low' in value && 'high' in value) return;
      throw invalid(eventType, path, 'a 64-bit integer (safe integer, decimal string or Long)', value);
  }
}

function checkInteger(
  eventType: string,
  path: string,
  value: unknown,
  range: { min: number; max: number },
  what: string,
): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw invalid(eventType, path, `${what} (${range.min}..${range.max})`, value);
  }
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
