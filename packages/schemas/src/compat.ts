// Local breaking-change rules between two versions of a .proto tree, for `schemas check --baseline` and to
// explain a registry's bare "not compatible". Wire-breaking changes only: a removed message, a removed field
// whose number and name are not reserved, a renumbered field, a changed field type or cardinality, a removed
// enum value. Additions are compatible.
import protobuf from 'protobufjs';
import { loadProtoSet } from './protos.ts';
import type { ProtoSources } from './types.ts';

export interface BreakingChange {
  /** Message or enum full name, with the field where there is one: `commercebridge.orders.v1.OrderPlaced.customerId`. */
  element: string;
  kind:
    | 'MESSAGE_REMOVED'
    | 'FIELD_REMOVED'
    | 'FIELD_RENUMBERED'
    | 'FIELD_TYPE_CHANGED'
    | 'FIELD_CARDINALITY_CHANGED'
    | 'ENUM_VALUE_REMOVED';
  message: string;
}

export function findBreakingChanges(baseline: ProtoSources, current: ProtoSources): BreakingChange[] {
  const before = loadProtoSet(baseline).root;
  const after = loadProtoSet(current).root;
  const changes: BreakingChange[] = [];
  for (const type of reflectAll(before, protobuf.Type)) {
    const name = type.fullName.slice(1);
    const next = after.lookup(type.fullName);
    if (!(next instanceof protobuf.Type)) {
      changes.push({ element: name, kind: 'MESSAGE_REMOVED', message: `message ${name} was removed` });
      continue;
    }
    for (const field of type.fieldsArray) {
      const element = `${name}.${field.name}`;
      const sameNumber = next.fieldsArray.find((candidate) => candidate.id === field.id);
      const sameName = next.fields[field.name];
      if (!sameNumber) {
        if (sameName) {
          changes.push({
            element,
            kind: 'FIELD_RENUMBERED',
            message: `field ${element} was renumbered from ${field.id} to ${sameName.id}`,
          });
        } else if (!isReserved(next, field)) {
          changes.push({
            element,
            kind: 'FIELD_REMOVED',
            message: `field ${element} (number ${field.id}) was removed without reserving its number`,
          });
        }
        continue;
      }
      const typeBefore = typeName(field);
      const typeAfter = typeName(sameNumber);
      if (typeBefore !== typeAfter) {
        changes.push({
          element,
          kind: 'FIELD_TYPE_CHANGED',
          message: `field ${element} (number ${field.id}) changed type from ${typeBefore} to ${typeAfter}`,
        });
      } else if (cardinality(field) !== cardinality(sameNumber)) {
        changes.push({
          element,
          kind: 'FIELD_CARDINALITY_CHANGED',
          message: `field ${element} (number ${field.id}) changed from ${cardinality(field)} to ${cardinality(sameNumber)}`,
        });
      }
    }
  }
  for (const enumType of reflectAll(before, protobuf.Enum)) {
    const name = enumType.fullName.slice(1);
    const next = after.lookup(enumType.fullName);
    for (const [valueName, number] of Object.entries(enumType.values)) {
      const kept = next instanceof protobuf.Enum && Object.values(next.values).includes(number);
      const reserved = next instanceof protobuf.Enum && next.isReservedId(number);
      if (!kept && !reserved) {
        changes.push({
          element: `${name}.${valueName}`,
          kind: 'ENUM_VALUE_REMOVED',
          message: `enum value ${name}.${valueName} (${number}) was removed without reserving it`,
        });
      }
    }
  }
  return changes;
}

function* reflectAll<T extends protobuf.ReflectionObject>(
  namespace: protobuf.NamespaceBase,
  kind: abstract new (...args: never[]) => T,
): Generator<T> {
  for (const nested of namespace.nestedArray) {
    if (nested instanceof kind) yield nested;
    if (nested instanceof protobuf.Namespace) yield* reflectAll(nested, kind);
  }
}

function isReserved(type: protobuf.Type, field: protobuf.Field): boolean {
  return type.isReservedId(field.id) || type.isReservedName(field.name);
}

function typeName(field: protobuf.Field): string {
  const resolved = field.resolvedType;
  const value = resolved ? resolved.fullName.slice(1) : field.type;
  return field instanceof protobuf.MapField ? `map<${field.keyType}, ${value}>` : value;
}

function cardinality(field: protobuf.Field): string {
  if (field.map) return 'map';
  return field.repeated ? 'repeated' : 'singular';
}
