// Kafka clients of the modules: one place for the client settings, compression and the contract headers of
// messages the modules produce directly (logs without a transaction, dead jobs).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  type BuiltinCatalog,
  catalog as builtinCatalog,
  createWireCodec,
  HEADERS,
} from '@commercebridge/schemas';
import kafkajs, { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import type { Compression, ModulesConfig } from './config.ts';
import { ModuleError } from './errors.ts';

const require = createRequire(import.meta.url);
let snappyRegistered = false;

/** kafkajs has no built-in snappy: the kafkajs-snappy codec (the relay's) is registered once per process. */
export function compressionType(compression: Compression): CompressionTypes {
  if (compression === 'gzip') return CompressionTypes.GZIP;
  if (compression === 'snappy') {
    if (!snappyRegistered) {
      let codec: unknown;
      try {
        codec = require('kafkajs-snappy');
      } catch (cause) {
        throw new ModuleError(
          'MODULE_INVALID_CONFIG',
          'KAFKA_COMPRESSION_TYPE=snappy needs the kafkajs-snappy package: install it or use gzip/none',
          { cause },
        );
      }
      (kafkajs.CompressionCodecs as Record<number, unknown>)[CompressionTypes.Snappy] = codec;
      snappyRegistered = true;
    }
    return CompressionTypes.Snappy;
  }
  return CompressionTypes.None;
}

export function kafkaClient(
  config: Pick<ModulesConfig, 'brokers' | 'clientId' | 'ssl'>,
  suffix: string,
): Kafka {
  return new Kafka({
    clientId: `${config.clientId}-${suffix}`,
    brokers: config.brokers,
    ssl: config.ssl,
    logLevel: logLevel.NOTHING,
  });
}

// The codec is only used to build the value and the identifying headers; all module event types are in the
// built-in catalog, so a catalog copy with other topic names encodes the same way.
const headersCodec = createWireCodec(builtinCatalog, { mode: 'headers' });

/**
 * Value and contract headers of a message produced without the relay (same shape as the relay writes in
 * headers mode), so the same consumers decode both.
 */
export async function directMessage(
  type: keyof BuiltinCatalog['events'] & string,
  bytes: Uint8Array,
  eventId: string = randomUUID(),
): Promise<{ value: Buffer; headers: Record<string, string>; eventId: string }> {
  const wire = await headersCodec.toWire(type as never, bytes);
  return {
    eventId,
    value: Buffer.from(wire.value),
    headers: { ...wire.headers, [HEADERS.eventId]: eventId, [HEADERS.occurredAt]: new Date().toISOString() },
  };
}
