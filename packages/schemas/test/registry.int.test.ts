import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { randomName } from '../../../test/support/helpers.ts';
import { stackEnv } from '../../../test/support/stack-env.ts';
import {
  createWireCodec,
  decodeFrame,
  encodeEvent,
  encodeFrame,
  protoSources,
  RegistryClient,
  SchemaError,
} from '../src/index.ts';
import { deleteSubjectsAfter, randomCatalog } from './support.ts';

const ORDERS = 'commercebridge/orders/v1/orders.proto';
const COMMON = 'commercebridge/common/v1/common.proto';

/** A registry-mode codec whose subjects (values and references) are private to the test. */
function setup(sources = protoSources) {
  const url = stackEnv().SCHEMA_REGISTRY_URL;
  const catalog = randomCatalog(sources);
  const prefix = `${randomName('ref')}/`;
  const topics = [...new Set(Object.values(catalog.events).map((entry) => entry.topic))];
  deleteSubjectsAfter(url, () => [...topics.map((topic) => `${topic}-value`), `${prefix}${COMMON}`]);
  const codec = createWireCodec(catalog, {
    mode: 'registry',
    url,
    referenceSubject: (path) => `${prefix}${path}`,
  });
  return { url, catalog, codec, prefix, client: new RegistryClient(url) };
}

async function rejection(promise: Promise<unknown>): Promise<SchemaError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SchemaError);
  return error as SchemaError;
}

describe('wire codec, registry mode', () => {
  it('registers <topic>-value with its import as a reference, sets BACKWARD and frames with id and index', async () => {
    const { url, catalog, codec, prefix, client } = setup();
    const topic = catalog.events['order.placed'].topic;
    const placed = encodeEvent(catalog, 'order.placed', { orderId: 'o-1', customerId: 'c-1' });
    const wire = await codec.toWire('order.placed', placed.bytes);

    const latest = await client.schemaOfSubject(`${topic}-value`, 'latest');
    expect(latest.references).toEqual([{ name: COMMON, subject: `${prefix}${COMMON}`, version: 1 }]);
    expect(latest.schema).toContain('message OrderShipped');
    const config = (await fetch(`${url}/config/${topic}-value`).then((r) => r.json())) as Record<
      string,
      string
    >;
    expect(config.compatibilityLevel).toBe('BACKWARD');

    const frame = decodeFrame(wire.value);
    expect(wire.value[0]).toBe(0);
    expect(frame.schemaId).toBe(latest.id);
    // First message of its file: the index path [0] is the single byte 0.
    expect(frame.indexes).toEqual([0]);
    expect(wire.value[5]).toBe(0);
    expect(Buffer.compare(Buffer.from(frame.payload), Buffer.from(placed.bytes))).toBe(0);

    // Fourth message of orders.proto: index path [3].
    const shipped = encodeEvent(catalog, 'order.shipped', { orderId: 'o-1', carrier: 'dhl' });
    const shippedWire = await codec.toWire('order.shipped', shipped.bytes);
    expect(decodeFrame(shippedWire.value)).toMatchObject({ schemaId: latest.id, indexes: [3] });
    expect([...shippedWire.value.subarray(5, 7)]).toEqual([2, 6]);
  });

  it('decodes by schema id in a fresh codec (cache miss: GET /schemas/ids/{id})', async () => {
    const { url, catalog, codec } = setup();
    const shipped = encodeEvent(catalog, 'order.shipped', { orderId: 'o-2', trackingNumber: 'T-9' });
    const wire = await codec.toWire('order.shipped', shipped.bytes);
    const reader = createWireCodec(catalog, { mode: 'registry', url });
    // No event-type header: the message index alone names the message.
    const decoded = await reader.fromWire(wire.value, {});
    expect(decoded.type).toBe('order.shipped');
    if (decoded.type !== 'order.shipped') throw new Error('narrowing');
    expect(decoded.payload.trackingNumber).toBe('T-9');
    expect(decoded.messageName).toBe('commercebridge.orders.v1.OrderShipped');
  });

  it('decodes a message written with a newer registered version, skipping the unknown field', async () => {
    const { catalog, codec, prefix, client } = setup();
    const topic = catalog.events['order.confirmed'].topic;
    await codec.registerAll();
    // A newer writer: OrderConfirmed gains field 20, registered as version 2 under BACKWARD.
    const evolved = protoSources[ORDERS]!.replace(
      'string payment_reference = 4;',
      'string payment_reference = 4;\n  string confirmed_by = 20;',
    );
    const references = [{ name: COMMON, subject: `${prefix}${COMMON}`, version: 1 }];
    const newId = await client.register(`${topic}-value`, evolved, references);
    const root = new protobuf.Root();
    protobuf.parse(protoSources[COMMON]!, root);
    protobuf.parse(evolved, root);
    const NewConfirmed = root.lookupType('commercebridge.orders.v1.OrderConfirmed');
    const bytes = NewConfirmed.encode(NewConfirmed.create({ orderId: 'o-3', confirmedBy: 'ops' })).finish();

    const decoded = await codec.fromWire(encodeFrame(newId, [1], bytes), { 'event-type': 'order.confirmed' });
    expect(decoded.type).toBe('order.confirmed');
    expect(decoded.payload).toMatchObject({ orderId: 'o-3' });
  });

  it('is rejected by the registry on a breaking change (SCHEMA_INCOMPATIBLE), accepted on an additive one', async () => {
    const { url, catalog, codec, prefix } = setup();
    await codec.registerAll();
    const topic = catalog.events['order.placed'].topic;
    const options = {
      mode: 'registry' as const,
      url,
      referenceSubject: (path: string) => `${prefix}${path}`,
    };
    const withSources = (orders: string) =>
      createWireCodec(
        // Same topics as the first codec: only the .proto text differs.
        { events: catalog.events, sources: { ...protoSources, [ORDERS]: orders } },
        options,
      );
    const typeChanged = protoSources[ORDERS]!.replace('string customer_id = 2;', 'int64 customer_id = 2;');
    const breaking = withSources(typeChanged);
    const placed = encodeEvent(catalog, 'order.placed', { orderId: 'o-4' });
    const error = await rejection(breaking.toWire('order.placed', placed.bytes));
    expect(error.code).toBe('SCHEMA_INCOMPATIBLE');
    expect(error.message).toContain(`${topic}-value`);
    expect(error.retriable).toBe(false);

    const additive = withSources(
      protoSources[ORDERS]!.replace('string channel = 10;', 'string channel = 10;\n  string coupon = 11;'),
    );
    const wire = await additive.toWire('order.placed', placed.bytes);
    const versions = await fetch(`${url}/subjects/${topic}-value/versions`).then((r) => r.json());
    expect(versions).toHaveLength(2);
    expect(decodeFrame(wire.value).indexes).toEqual([0]);
  });

  it('reports an unreachable registry as retriable, and an unknown schema id as undecodable', async () => {
    const { catalog } = setup();
    const offline = createWireCodec(catalog, {
      mode: 'registry',
      url: 'http://127.0.0.1:9/apis/ccompat/v7',
      timeoutMs: 2000,
    });
    const placed = encodeEvent(catalog, 'order.placed', { orderId: 'o-5' });
    const unavailable = await rejection(offline.toWire('order.placed', placed.bytes));
    expect(unavailable.code).toBe('SCHEMA_REGISTRY_UNAVAILABLE');
    expect(unavailable.retriable).toBe(true);

    const reader = createWireCodec(catalog, { mode: 'registry', url: stackEnv().SCHEMA_REGISTRY_URL });
    const unknown = await rejection(reader.fromWire(encodeFrame(2_000_000_000, [0], placed.bytes), {}));
    expect(unknown.code).toBe('SCHEMA_UNDECODABLE');
    expect(unknown.message).toContain('2000000000');
  });
});
